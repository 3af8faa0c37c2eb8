using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>COMPRESS DEFLATE (RFC 4978): the OK goes out uncompressed, everything after it is compressed.</summary>
internal sealed class CompressCommand : IImapCommand
{
    public string Name => "COMPRESS";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1 || command.Arguments[0].Keyword != "DEFLATE")
        {
            throw new ImapSyntaxException("only COMPRESS DEFLATE is offered");
        }

        if (session.Compressed)
        {
            return ImapCompletion.No("[COMPRESSIONACTIVE] DEFLATE is already active");
        }

        session.Output.Tagged(command.Tag, "OK", "DEFLATE active");
        await session.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        session.StartCompression();
        return ImapCompletion.AlreadySent;
    }
}
