using System.Globalization;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>LIST [msg] (RFC 1939 section 5): the exact octet size of each message as stored.</summary>
internal sealed class ListCommand : MessageListingCommand
{
    protected override string Usage => "LIST [message]";

    protected override string Heading(Maildrop maildrop) =>
        string.Create(CultureInfo.InvariantCulture, $"+OK {maildrop.Count} messages ({maildrop.Size} octets)");

    protected override string Value(Maildrop maildrop, MaildropMessage message) =>
        message.Size.ToString(CultureInfo.InvariantCulture);
}
