using System.Globalization;
using System.Xml;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>Outlook's POX autodiscover answer (response schema 2006a): one <c>Protocol</c> per protocol, the
/// preferred listener of each, because Outlook configures one server per type and does not fall back to a second.</summary>
internal static class AutodiscoverDocument
{
    private const string EnvelopeNamespace = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    public static byte[] Settings(ClientSettings settings, string address) => XmlDocumentBytes.Write(writer =>
    {
        writer.WriteStartElement("Autodiscover", EnvelopeNamespace);
        writer.WriteStartElement("Response", AutodiscoverRequest.OutlookResponseSchema);
        writer.WriteStartElement("Account", AutodiscoverRequest.OutlookResponseSchema);
        writer.WriteElementString("AccountType", AutodiscoverRequest.OutlookResponseSchema, "email");
        writer.WriteElementString("Action", AutodiscoverRequest.OutlookResponseSchema, "settings");
        foreach (var protocol in new[] { MailProtocol.Imap, MailProtocol.Pop3, MailProtocol.Smtp })
        {
            if (settings.Preferred(protocol) is { } endpoint)
            {
                WriteProtocol(writer, endpoint, settings.Hostname, address);
            }
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    /// <summary>The error answer Exchange gives (600 "Invalid Request", 601 "Provider is not available").</summary>
    public static byte[] Error(int code, string message, string detail) => XmlDocumentBytes.Write(writer =>
    {
        writer.WriteStartElement("Autodiscover", EnvelopeNamespace);
        writer.WriteStartElement("Response", EnvelopeNamespace);
        writer.WriteStartElement("Error", EnvelopeNamespace);
        writer.WriteAttributeString("Time", DateTime.UtcNow.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        writer.WriteAttributeString("Id", "0");
        writer.WriteElementString("ErrorCode", EnvelopeNamespace, code.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("Message", EnvelopeNamespace, message);
        writer.WriteElementString("DebugData", EnvelopeNamespace, detail);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    private static void WriteProtocol(XmlWriter writer, MailEndpoint endpoint, string hostname, string address)
    {
        const string ns = AutodiscoverRequest.OutlookResponseSchema;
        writer.WriteStartElement("Protocol", ns);
        writer.WriteElementString("Type", ns, endpoint.Protocol switch
        {
            MailProtocol.Imap => "IMAP",
            MailProtocol.Pop3 => "POP3",
            _ => "SMTP",
        });
        writer.WriteElementString("Server", ns, hostname);
        writer.WriteElementString("Port", ns, endpoint.Port.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("DomainRequired", ns, "off");
        writer.WriteElementString("LoginName", ns, address);
        writer.WriteElementString("SPA", ns, "off");

        // SSL=on alone means implicit TLS to Outlook 2007; Outlook 2010 and later read Encryption, where "TLS" is
        // STARTTLS on the given port and "SSL" is implicit TLS.
        writer.WriteElementString("SSL", ns, "on");
        writer.WriteElementString("Encryption", ns, endpoint.Security == TransportSecurity.ImplicitTls ? "SSL" : "TLS");
        writer.WriteElementString("AuthRequired", ns, "on");
        if (endpoint.Protocol == MailProtocol.Smtp)
        {
            writer.WriteElementString("UsePOPAuth", ns, "off");
            writer.WriteElementString("SMTPLast", ns, "off");
        }

        writer.WriteEndElement();
    }
}
