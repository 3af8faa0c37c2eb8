using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>Reading mailbox arguments and writing mailbox names, the same way in every command.</summary>
internal static class MailboxArgument
{
    /// <summary>The store name of argument <paramref name="index"/>.</summary>
    public static string Name(ImapSession session, ImapCommandLine command, int index)
    {
        if (command.Arguments.Count <= index)
        {
            throw new ImapSyntaxException($"{command.Name} needs a mailbox name");
        }

        return MailboxNames.FromWire(command.Arguments[index], session.Utf8);
    }

    /// <summary>The account's mailbox called <paramref name="name"/>; NO [NONEXISTENT] when there is none.</summary>
    public static MailboxInfo Existing(ImapSession session, string name) =>
        session.Services.Store.Index.Catalog.Find(session.Account, name)
        ?? throw new ImapNoException("[NONEXISTENT] no such mailbox");

    /// <summary>Writes a mailbox name as an IMAP string in the session's encoding.</summary>
    public static void Write(ImapSession session, string name) =>
        ImapString.WriteString(session.Output.Buffer, MailboxNames.ToWire(name, session.Utf8), session.Utf8);
}
