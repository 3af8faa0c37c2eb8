using System.Globalization;
using System.Xml;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>Thunderbird's autoconfig answer (<c>clientConfig version="1.1"</c>, the format of Mozilla's ISP database):
/// one <c>incomingServer</c> or <c>outgoingServer</c> per listener that is on, in order of preference, since Thunderbird
/// takes the first it can reach.</summary>
internal static class AutoconfigDocument
{
    // Thunderbird replaces this with the address the user typed (used when the request did not carry it).
    private const string AddressPlaceholder = "%EMAILADDRESS%";

    public static byte[] Write(ClientSettings settings, SetupAddress address) => XmlDocumentBytes.Write(writer =>
    {
        writer.WriteStartElement("clientConfig");
        writer.WriteAttributeString("version", "1.1");
        writer.WriteStartElement("emailProvider");
        writer.WriteAttributeString("id", address.Domain);
        writer.WriteElementString("domain", address.Domain);
        writer.WriteElementString("displayName", address.Domain);
        writer.WriteElementString("displayShortName", address.Domain.Split('.')[0]);
        foreach (var endpoint in settings.Incoming)
        {
            WriteServer(writer, "incomingServer", endpoint, settings.Hostname, address.Address ?? AddressPlaceholder);
        }

        foreach (var endpoint in settings.Outgoing)
        {
            WriteServer(writer, "outgoingServer", endpoint, settings.Hostname, address.Address ?? AddressPlaceholder);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    private static void WriteServer(XmlWriter writer, string element, MailEndpoint endpoint, string hostname, string username)
    {
        writer.WriteStartElement(element);
        writer.WriteAttributeString("type", endpoint.Protocol switch
        {
            MailProtocol.Imap => "imap",
            MailProtocol.Pop3 => "pop3",
            _ => "smtp",
        });
        writer.WriteElementString("hostname", hostname);
        writer.WriteElementString("port", endpoint.Port.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("socketType", endpoint.Security == TransportSecurity.ImplicitTls ? "SSL" : "STARTTLS");

        // AUTH PLAIN / LOGIN under TLS: the appliance binds to the directory as the user, so it needs the password
        // itself and offers no challenge-response mechanism.
        writer.WriteElementString("authentication", "password-cleartext");
        writer.WriteElementString("username", username);
        writer.WriteEndElement();
    }
}
