namespace Mail.WebAdmin.ClientSetup;

/// <summary>What every self-configuration format describes: the host name and the listeners that are on, each list in
/// the order a client should prefer them (implicit TLS before STARTTLS, RFC 8314 section 3; IMAP before POP3).</summary>
internal sealed record ClientSettings(string Hostname, IReadOnlyList<MailEndpoint> Incoming, IReadOnlyList<MailEndpoint> Outgoing)
{
    public static ClientSettings From(AdminSite site)
    {
        var ports = site.Clients;
        var incoming = new List<MailEndpoint>();
        Add(incoming, MailProtocol.Imap, ports.ImapTls, TransportSecurity.ImplicitTls);
        Add(incoming, MailProtocol.Imap, ports.Imap, TransportSecurity.StartTls);
        Add(incoming, MailProtocol.Pop3, ports.Pop3Tls, TransportSecurity.ImplicitTls);
        Add(incoming, MailProtocol.Pop3, ports.Pop3, TransportSecurity.StartTls);
        var outgoing = new List<MailEndpoint>();
        Add(outgoing, MailProtocol.Smtp, ports.SubmissionTls, TransportSecurity.ImplicitTls);
        Add(outgoing, MailProtocol.Smtp, ports.Submission, TransportSecurity.StartTls);
        return new ClientSettings(site.Hostname, incoming, outgoing);
    }

    /// <summary>False when the appliance serves no mail client at all (every reading or every sending listener off):
    /// then there is nothing to configure.</summary>
    public bool IsUsable => Incoming.Count > 0 && Outgoing.Count > 0;

    /// <summary>The preferred listener of a protocol, or null when all of its listeners are off.</summary>
    public MailEndpoint? Preferred(MailProtocol protocol) =>
        Incoming.Concat(Outgoing).FirstOrDefault(e => e.Protocol == protocol);

    private static void Add(List<MailEndpoint> list, MailProtocol protocol, int port, TransportSecurity security)
    {
        // Port 0 means the listener is off: a client must never be sent to it.
        if (port > 0)
        {
            list.Add(new MailEndpoint(protocol, port, security));
        }
    }
}
