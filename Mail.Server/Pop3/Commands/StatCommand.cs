using System.Globalization;
using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>STAT (RFC 1939 section 5): the number and octet size of the messages not marked deleted.</summary>
internal sealed class StatCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (await NoArguments.CheckAsync(session, request, "STAT", cancellationToken).ConfigureAwait(false))
        {
            var maildrop = session.Maildrop;
            await session.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"+OK {maildrop.Count} {maildrop.Size}"), cancellationToken).ConfigureAwait(false);
        }
    }
}
