using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>NOOP (RFC 1939 section 5): keeps the session alive.</summary>
internal sealed class NoopCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (await NoArguments.CheckAsync(session, request, "NOOP", cancellationToken).ConfigureAwait(false))
        {
            await session.ReplyAsync("+OK", cancellationToken).ConfigureAwait(false);
        }
    }
}
