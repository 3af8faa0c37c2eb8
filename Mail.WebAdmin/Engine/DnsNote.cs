namespace Mail.WebAdmin.Engine;

/// <summary>Why a DNS check came out as it did: a kind the web admin translates, with the names or values it cites.</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Arguments">What the reason cites, as <see cref="DnsNoteKind"/> documents.</param>
public sealed record DnsNote(DnsNoteKind Kind, IReadOnlyList<string> Arguments)
{
    /// <summary>A note without arguments.</summary>
    public DnsNote(DnsNoteKind kind)
        : this(kind, [])
    {
    }

    /// <summary>The note in plain English words, as the CLI prints it.</summary>
    public string Text => Kind switch
    {
        DnsNoteKind.NoAnswer => "DNS did not answer",
        DnsNoteKind.MxOk => "mail for the domain comes here",
        DnsNoteKind.MxMissing => "no MX: other servers cannot find where to deliver",
        DnsNoteKind.MxElsewhere => $"the MX records name other servers, not {Argument(0)}",
        DnsNoteKind.AddressDualStack => "reachable over IPv4 and IPv6",
        DnsNoteKind.AddressNoIpv6 => "no AAAA record: not reachable over IPv6",
        DnsNoteKind.AddressMissing => "the host name has no address",
        DnsNoteKind.SpfMissing => "no SPF record",
        DnsNoteKind.SpfMultiple => "more than one SPF record: receivers treat that as an error (RFC 7208 4.5)",
        DnsNoteKind.SpfUncheckable => "published; the host name has no address to check it against",
        DnsNoteKind.SpfNoAnswer => "DNS did not answer while evaluating the record",
        DnsNoteKind.SpfOk => $"the record allows every address of {Argument(0)}",
        DnsNoteKind.SpfRefuses => $"the record does not allow {Argument(0)}",
        DnsNoteKind.DkimOk => "receivers can verify this key's signatures",
        DnsNoteKind.DkimMissing => "not published: receivers cannot verify this key's signatures",
        DnsNoteKind.DkimOtherKey => "published with another public key",
        DnsNoteKind.DmarcMissing => "no DMARC policy: receivers cannot tell forgeries of the domain apart",
        DnsNoteKind.DmarcMultiple => "more than one DMARC record: receivers ignore them all (RFC 7489 6.6.3)",
        DnsNoteKind.DmarcPolicy => $"policy {Argument(0)}",
        DnsNoteKind.DmarcUnparsable => "the record does not parse",
        DnsNoteKind.ClientNameOk => "mail clients find their settings here",
        DnsNoteKind.ClientNameMissing => "mail clients cannot find their settings by this name",
        DnsNoteKind.ClientNameElsewhere => $"points elsewhere, not to {Argument(0)}",
        DnsNoteKind.ServiceOk => "clients that look up services (RFC 6186) find this port",
        DnsNoteKind.ServiceMissing => "optional: clients that look up services (RFC 6186) use it",
        DnsNoteKind.ServiceElsewhere => "names another host or port",
        _ => Kind.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() => Text;

    private string Argument(int index) => index < Arguments.Count ? Arguments[index] : string.Empty;
}
