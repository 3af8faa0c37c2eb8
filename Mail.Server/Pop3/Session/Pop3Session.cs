using Mail.Server.Pop3.Commands;
using Mail.Server.Pop3.Protocol;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Pop3.Session;

/// <summary>One POP3 conversation: holds the session state (RFC 1939 section 3), reads command lines and dispatches
/// each to its command, and ends the session on QUIT, on an idle client, or after too many bad commands.</summary>
internal sealed class Pop3Session(Pop3Connection connection, Pop3Options options, Pop3Login login, ILogger logger)
{
    private CancellationTokenSource? _deadline;
    private Maildrop? _maildrop;
    private int _badCommands;
    private bool _ending;

    /// <summary>The connection's bytes.</summary>
    public Pop3Connection Connection => connection;

    /// <summary>The server's settings and limits.</summary>
    public Pop3Options Options => options;

    /// <summary>Checks passwords and opens maildrops for USER/PASS and AUTH.</summary>
    public Pop3Login Login => login;

    /// <summary>The session's log.</summary>
    public ILogger Logger => logger;

    /// <summary>AUTHORIZATION until a login succeeds, then TRANSACTION.</summary>
    public Pop3State State { get; private set; } = Pop3State.Authorization;

    /// <summary>The name given by USER, waiting for PASS.</summary>
    public string? PendingUser { get; set; }

    /// <summary>The logged-in user's maildrop (TRANSACTION state only).</summary>
    public Maildrop Maildrop => _maildrop ?? throw new InvalidOperationException("no maildrop before login");

    /// <summary>Whether a password may be sent on this connection: over TLS, or on loopback when the appliance allows it.</summary>
    public bool LoginAllowed => connection.IsSecure || (options.AllowPlaintextAuthOnLoopback && connection.IsLoopback);

    /// <summary>Greets the client and serves commands until the session ends.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _deadline = deadline;
        try
        {
            KeepAlive();
            await ReplyAsync($"+OK {options.Hostname} POP3 ready", deadline.Token).ConfigureAwait(false);
            while (!_ending)
            {
                KeepAlive();
                var line = await connection.ReadLineAsync(options.CommandLineLimit, deadline.Token).ConfigureAwait(false);
                switch (line.Kind)
                {
                    case Pop3LineKind.Closed:
                        return;
                    case Pop3LineKind.TooLong:
                        await RejectAsync($"-ERR line too long (the limit is {options.CommandLineLimit} octets)", deadline.Token).ConfigureAwait(false);
                        break;
                    default:
                        await DispatchAsync(Pop3RequestParser.Parse(line.Bytes.Span), deadline.Token).ConfigureAwait(false);
                        break;
                }

                if (_badCommands >= options.MaxBadCommands && !_ending)
                {
                    logger.TooManyBadCommands(connection.Remote.ToString());
                    await ReplyAsync("-ERR too many bad commands, closing", deadline.Token).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // RFC 1939 section 3: an idle session is closed without entering UPDATE, so nothing is deleted.
            logger.IdleTimeout(connection.Remote.ToString());
            await SayGoodbyeAsync("-ERR [SYS/TEMP] disconnected for inactivity").ConfigureAwait(false);
        }
    }

    /// <summary>Sends one reply line at once.</summary>
    public async ValueTask ReplyAsync(string line, CancellationToken cancellationToken)
    {
        connection.WriteLine(line);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers a command the client should not have sent (unknown, malformed, out of state, a failed login):
    /// counted, and too many end the session.</summary>
    public ValueTask RejectAsync(string line, CancellationToken cancellationToken)
    {
        _badCommands++;
        return ReplyAsync(line, cancellationToken);
    }

    /// <summary>Moves to TRANSACTION with the user's maildrop.</summary>
    public void EnterTransaction(Maildrop maildrop)
    {
        _maildrop = maildrop;
        PendingUser = null;
        State = Pop3State.Transaction;
    }

    /// <summary>Ends the session after the current reply.</summary>
    public void End() => _ending = true;

    /// <summary>Restarts the idle deadline: called for every command and while a long message transfer makes progress.</summary>
    public void KeepAlive() => _deadline?.CancelAfter(options.IdleTimeout);

    private async Task DispatchAsync(Pop3Request request, CancellationToken cancellationToken)
    {
        if (Pop3CommandTable.For(request.Verb) is not { } command)
        {
            await RejectAsync("-ERR unknown command", cancellationToken).ConfigureAwait(false);
            return;
        }

        if ((command.ValidIn & State) == 0)
        {
            await RejectAsync(State == Pop3State.Authorization ? "-ERR log in first" : "-ERR not valid after login", cancellationToken).ConfigureAwait(false);
            return;
        }

        await command.ExecuteAsync(this, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task SayGoodbyeAsync(string line)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ReplyAsync(line, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client that went quiet may not be reading either.
        }
    }
}
