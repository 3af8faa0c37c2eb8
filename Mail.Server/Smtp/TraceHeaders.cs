using System.Globalization;
using System.Text;

namespace Mail.Server.Smtp;

/// <summary>Writes the Return-Path and Received headers prepended to every received message (RFC 5321
/// 4.4), with the protocol keyword of RFC 3848 (ESMTP, ESMTPA, ESMTPS, ESMTPSA) and the TLS facts.</summary>
public static class TraceHeaders
{
    /// <summary>The two header lines, each ending in CRLF, folded to stay well under 998 octets.</summary>
    public static string Build(TraceFacts facts)
    {
        var protocol = "ESMTP" + (facts.TlsProtocol is null ? string.Empty : "S") + (facts.Authenticated ? "A" : string.Empty);
        var address = facts.RemoteAddress.IsIPv4MappedToIPv6 ? facts.RemoteAddress.MapToIPv4() : facts.RemoteAddress;
        var literal = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6:" + address : address.ToString();
        var builder = new StringBuilder()
            .Append("Return-Path: <").Append(Clean(facts.Sender)).Append(">\r\n")
            .Append("Received: from ").Append(Clean(facts.Helo)).Append(" ([").Append(literal).Append("])\r\n")
            .Append("\tby ").Append(facts.Hostname).Append(" with ").Append(protocol);
        if (facts.TlsProtocol is not null)
        {
            builder.Append(" (").Append(facts.TlsProtocol);
            if (facts.TlsCipher is not null)
            {
                builder.Append(' ').Append(facts.TlsCipher);
            }

            builder.Append(')');
        }

        builder.Append("\r\n\tid ").Append(facts.QueueId);
        if (facts.SingleRecipient is not null)
        {
            // Only for a single recipient: naming one of several would disclose Bcc recipients to the others.
            builder.Append(" for <").Append(Clean(facts.SingleRecipient)).Append('>');
        }

        builder.Append(";\r\n\t").Append(facts.Received.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture))
            .Append(facts.Received.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal))
            .Append("\r\n");
        return builder.ToString();
    }

    // Client-supplied words (HELO, addresses) must not inject line breaks or parentheses into the header.
    private static string Clean(string value)
    {
        var clean = new StringBuilder(Math.Min(value.Length, 255));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, 255)))
        {
            clean.Append(char.IsControl(c) || c is '(' or ')' or '<' or '>' or ' ' ? '_' : c);
        }

        return clean.ToString();
    }
}
