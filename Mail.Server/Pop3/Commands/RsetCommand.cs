using System.Globalization;
using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>RSET (RFC 1939 section 5): unmarks every message marked with DELE in this session.</summary>
internal sealed class RsetCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (await NoArguments.CheckAsync(session, request, "RSET", cancellationToken).ConfigureAwait(false))
        {
            var maildrop = session.Maildrop;
            maildrop.Reset();
            await session.ReplyAsync(string.Create(CultureInfo.InvariantCulture, $"+OK maildrop has {maildrop.Count} messages ({maildrop.Size} octets)"), cancellationToken).ConfigureAwait(false);
        }
    }
}
