using System.Globalization;

namespace Mail.Server.Smtp;

/// <summary>An SMTP reply with its enhanced status code (RFC 3463).</summary>
public sealed record SmtpReply(int Code, string Enhanced, string Text)
{
    /// <summary>The recipient is accepted.</summary>
    public static SmtpReply RecipientOk { get; } = new(250, "2.1.5", "recipient ok");

    /// <summary>Relay to a domain not hosted here, without authentication (or with a routing trick).</summary>
    public static SmtpReply RelayDenied { get; } = new(554, "5.7.1", "relay access denied");

    /// <summary>A hosted domain, but nobody by that address.</summary>
    public static SmtpReply NoSuchUser { get; } = new(550, "5.1.1", "no such user here");

    /// <summary>The directory did not answer: the client must try again later, never bounce.</summary>
    public static SmtpReply DirectoryUnavailable { get; } = new(451, "4.4.3", "directory temporarily unavailable, try again later");

    /// <summary>The group's sender policy does not accept this sender.</summary>
    public static SmtpReply GroupRefusesSender { get; } = new(550, "5.7.1", "this group does not accept mail from you");

    /// <summary>A recipient address that is not an address.</summary>
    public static SmtpReply BadRecipientSyntax { get; } = new(501, "5.1.3", "bad recipient address syntax");

    /// <summary>True for 2xx replies.</summary>
    public bool IsPositive => Code is >= 200 and < 300;

    /// <summary>The reply line as sent on the wire, without CRLF.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Code} {Enhanced} {Text}");
}
