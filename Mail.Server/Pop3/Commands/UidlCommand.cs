using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>UIDL [msg] (RFC 1939 section 7): the unique id of each message, the same in every session.</summary>
internal sealed class UidlCommand : MessageListingCommand
{
    protected override string Usage => "UIDL [message]";

    protected override string Heading(Maildrop maildrop) => "+OK unique-id listing follows";

    protected override string Value(Maildrop maildrop, MaildropMessage message) => maildrop.UniqueId(message);
}
