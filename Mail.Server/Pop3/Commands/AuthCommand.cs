using System.Text;
using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>AUTH PLAIN (RFC 5034, RFC 4616), with the response on the command line or after a "+ " continuation;
/// "*" cancels. A bare AUTH lists the mechanisms, as older clients (Outlook) expect.</summary>
internal sealed class AuthCommand : IPop3Command
{
    private const string Mechanism = "PLAIN";

    public Pop3State ValidIn => Pop3State.Authorization;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (!await PlaintextLogin.AllowedAsync(session, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var arguments = request.Arguments;
        if (arguments.Length == 0)
        {
            session.Connection.WriteLine("+OK");
            session.Connection.WriteLine(Mechanism);
            session.Connection.WriteLine(".");
            await session.Connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (arguments.Length > 2)
        {
            await session.RejectAsync("-ERR usage: AUTH mechanism [initial-response]", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(arguments[0], Mechanism, StringComparison.OrdinalIgnoreCase))
        {
            await session.RejectAsync("-ERR unsupported authentication mechanism", cancellationToken).ConfigureAwait(false);
            return;
        }

        // RFC 5034 section 4: "=" is an empty initial response.
        var response = arguments.Length == 2 ? (arguments[1] == "=" ? string.Empty : arguments[1])
            : await ReadResponseAsync(session, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return;
        }

        if (response == "*")
        {
            await session.RejectAsync("-ERR authentication cancelled", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (PlainCredentials.TryDecode(response) is not { } credentials)
        {
            await session.RejectAsync("-ERR malformed PLAIN response", cancellationToken).ConfigureAwait(false);
            return;
        }

        await session.Login.AttemptAsync(session, credentials.User, credentials.Password, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the empty challenge and reads the client's response line; null when the session cannot go on
    /// with it (already answered, or the client left).</summary>
    private static async Task<string?> ReadResponseAsync(Pop3Session session, CancellationToken cancellationToken)
    {
        await session.ReplyAsync("+ ", cancellationToken).ConfigureAwait(false);
        var line = await session.Connection.ReadLineAsync(session.Options.SaslLineLimit, cancellationToken).ConfigureAwait(false);
        switch (line.Kind)
        {
            case Pop3LineKind.Closed:
                session.End();
                return null;
            case Pop3LineKind.TooLong:
                await session.RejectAsync("-ERR authentication response too long", cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return Encoding.ASCII.GetString(line.Bytes.Span).Trim();
        }
    }
}
