using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>One IMAP command: where it is allowed and what it does. It writes its untagged responses to the
/// session's output and returns the tagged completion.</summary>
internal interface IImapCommand
{
    /// <summary>The command name in upper case.</summary>
    string Name { get; }

    /// <summary>The states the command is valid in.</summary>
    ImapState AllowedIn { get; }

    /// <summary>Runs the command.</summary>
    Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken);
}
