using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>The check shared by the commands that take no argument (STAT, NOOP, RSET).</summary>
internal static class NoArguments
{
    /// <summary>Refuses a request with arguments (counted as a bad command); returns whether it may go on.</summary>
    public static async ValueTask<bool> CheckAsync(Pop3Session session, Pop3Request request, string usage, CancellationToken cancellationToken)
    {
        if (request.Arguments.Length == 0)
        {
            return true;
        }

        await session.RejectAsync($"-ERR usage: {usage}", cancellationToken).ConfigureAwait(false);
        return false;
    }
}
