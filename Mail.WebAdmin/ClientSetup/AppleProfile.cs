using System.Text;
using System.Xml;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>An Apple configuration profile (<c>.mobileconfig</c>) with one <c>com.apple.mail.managed</c> payload for
/// iPhone, iPad and macOS Mail, signed by <see cref="ProfileSignature"/> on the way out; the password is not in it, the
/// device asks for it.</summary>
internal static class AppleProfile
{
    public const string ContentType = "application/x-apple-aspen-config";

    private static readonly DocumentType PlistDocType = new("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd");

    /// <summary>The profile for <paramref name="address"/>. Every download carries fresh PayloadUUIDs; the
    /// PayloadIdentifiers stay the same per address, so installing it again replaces the earlier profile.</summary>
    public static byte[] Write(ClientSettings settings, string address, string domain)
    {
        // Apple Mail takes one incoming and one outgoing server: the preferred ones (IMAP before POP3).
        var incoming = settings.Incoming[0];
        var outgoing = settings.Outgoing[0];
        var identifier = Identifier(settings.Hostname, address);
        return XmlDocumentBytes.Write(writer =>
        {
            writer.WriteStartElement("plist");
            writer.WriteAttributeString("version", "1.0");
            writer.WriteStartElement("dict");
            writer.WriteElementString("key", "PayloadContent");
            writer.WriteStartElement("array");
            writer.WriteStartElement("dict");
            String(writer, "PayloadType", "com.apple.mail.managed");
            Integer(writer, "PayloadVersion", 1);
            String(writer, "PayloadIdentifier", identifier + ".mail");
            String(writer, "PayloadUUID", NewUuid());
            String(writer, "PayloadDisplayName", address);
            String(writer, "EmailAccountDescription", address);
            String(writer, "EmailAccountType", incoming.Protocol == MailProtocol.Imap ? "EmailTypeIMAP" : "EmailTypePOP");
            String(writer, "EmailAddress", address);
            String(writer, "IncomingMailServerHostName", settings.Hostname);
            Integer(writer, "IncomingMailServerPortNumber", incoming.Port);

            // Apple's "UseSSL" covers both kinds of TLS: implicit on 993/995, STARTTLS on 143/110.
            Boolean(writer, "IncomingMailServerUseSSL", true);
            String(writer, "IncomingMailServerAuthentication", "EmailAuthPassword");
            String(writer, "IncomingMailServerUsername", address);
            String(writer, "OutgoingMailServerHostName", settings.Hostname);
            Integer(writer, "OutgoingMailServerPortNumber", outgoing.Port);
            Boolean(writer, "OutgoingMailServerUseSSL", true);
            String(writer, "OutgoingMailServerAuthentication", "EmailAuthPassword");
            String(writer, "OutgoingMailServerUsername", address);
            Boolean(writer, "OutgoingPasswordSameAsIncomingPassword", true);
            writer.WriteEndElement();
            writer.WriteEndElement();
            String(writer, "PayloadType", "Configuration");
            Integer(writer, "PayloadVersion", 1);
            String(writer, "PayloadIdentifier", identifier);
            String(writer, "PayloadUUID", NewUuid());
            String(writer, "PayloadDisplayName", $"Thư điện tử {address}");
            String(writer, "PayloadDescription", $"Cấu hình thư điện tử cho {address} (IMAP/SMTP qua TLS, máy chủ {settings.Hostname})");
            String(writer, "PayloadOrganization", domain);
            Boolean(writer, "PayloadRemovalDisallowed", false);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }, PlistDocType);
    }

    /// <summary>The file name offered for download.</summary>
    public static string FileName(string address) => Sanitize(address) + ".mobileconfig";

    // Reverse-DNS of the host name plus the address with anything but letters, digits, '.' and '-' replaced: a stable
    // identifier per account on this appliance.
    private static string Identifier(string hostname, string address) =>
        string.Join('.', hostname.Split('.').Reverse()) + ".mailappliance." + Sanitize(address);

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return builder.ToString();
    }

    private static string NewUuid() => Guid.NewGuid().ToString("D").ToUpperInvariant();

    private static void String(XmlWriter writer, string key, string value)
    {
        writer.WriteElementString("key", key);
        writer.WriteElementString("string", value);
    }

    private static void Integer(XmlWriter writer, string key, int value)
    {
        writer.WriteElementString("key", key);
        writer.WriteElementString("integer", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Boolean(XmlWriter writer, string key, bool value)
    {
        writer.WriteElementString("key", key);
        writer.WriteStartElement(value ? "true" : "false");
        writer.WriteEndElement();
    }
}
