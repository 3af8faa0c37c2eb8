using System.IO.Pipelines;
using System.Net.Sockets;
using Mail.Directory.Ldap;
using Mail.Server.Imap.Commands;
using Mail.Server.Imap.Protocol;
using Mail.Server.Net;
using Mail.Server.Security;

namespace Mail.Server.Imap;

/// <summary>One IMAP connection: all of its state in one place (state, account, enabled extensions, the selected
/// mailbox, the saved search) and the command loop that reads, dispatches and answers.</summary>
internal sealed class ImapSession : IDisposable
{
    /// <summary>RFC 9051 5.4: the autologout timer is at least 30 minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    private const int MaxBadCommandsInARow = 20;

    private readonly ImapCommandSet _commands;
    private readonly ImapParser _parser;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private IDisposable? _subscription;
    private PipeReader _input = null!;
    private DeflateDuplexStream? _compressed;

    public ImapSession(ClientConnection connection, ImapServices services, ImapCommandSet commands, bool offersStartTls)
    {
        Connection = connection;
        Services = services;
        _commands = commands;
        OffersStartTls = offersStartTls;
        _parser = new ImapParser(services.Limits);
        AttachStreams();
    }

    public ClientConnection Connection { get; }

    public ImapServices Services { get; }

    public ImapState State { get; set; } = ImapState.NotAuthenticated;

    /// <summary>The account's primary address once logged in.</summary>
    public string Account { get; private set; } = string.Empty;

    /// <summary>True on the plain port, where STARTTLS is offered.</summary>
    public bool OffersStartTls { get; }

    /// <summary>LOGIN and AUTHENTICATE need TLS, except on loopback when the appliance allows it (tests, a proxy).</summary>
    public bool MayAuthenticate => Connection.IsSecure || (Connection.IsLoopback && Services.AllowPlaintextAuthOnLoopback);

    public ImapResponseWriter Output { get; private set; } = null!;

    public ImapCommandReader Reader { get; private set; } = null!;

    /// <summary>Extensions the client turned on with ENABLE (upper case).</summary>
    public HashSet<string> Enabled { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Utf8 => Enabled.Contains("UTF8=ACCEPT") || Enabled.Contains("IMAP4rev2");

    /// <summary>CONDSTORE is on once enabled or once a command used it (RFC 7162 3.1).</summary>
    public bool CondStore { get; set; }

    public SelectedMailbox? Selected { get; set; }

    /// <summary>The UIDs saved by SEARCH ... SAVE (RFC 5182), for "$".</summary>
    public IReadOnlyList<long> SavedSearch { get; set; } = [];

    /// <summary>Records a successful login and starts listening for changes to the account's mailboxes.</summary>
    public void LogIn(string account)
    {
        Account = account;
        State = ImapState.Authenticated;
        Services.Store.Index.EnsureAccount(account);
        _subscription = Services.Store.Signals.Subscribe(account, () =>
        {
            if (_changed.CurrentCount == 0)
            {
                try
                {
                    _changed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another signal got there first: one wake-up is enough.
                }
            }
        });
    }

    /// <summary>Waits until the account's mailboxes change (or <paramref name="cancellationToken"/> ends the wait).</summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken) => _changed.WaitAsync(cancellationToken);

    /// <summary>True once COMPRESS=DEFLATE is active.</summary>
    public bool Compressed { get; private set; }

    /// <summary>Starts DEFLATE both ways (COMPRESS); the tagged OK must already be sent.</summary>
    public void StartCompression()
    {
        Compressed = true;
        _compressed = new DeflateDuplexStream(Connection.Stream);
        AttachStreams();
    }

    /// <summary>Switches the streams to TLS (STARTTLS); anything the client sent behind the command is dropped.</summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        await Connection.UpgradeAsync(cancellationToken).ConfigureAwait(false);
        AttachStreams();
    }

    /// <summary>Serves the client until LOGOUT, disconnect, or the idle timeout.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Output.Untagged($"OK [CAPABILITY {ImapCapabilities.For(this)}] {Services.Hostname} IMAP ready");
        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var badInARow = 0;
        var rate = new CommandRateLimiter(Services.Limits.CommandBurst, Services.Limits.CommandsPerSecond, TimeProvider.System);
        while (State != ImapState.Logout)
        {
            if (rate.Take() is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            ImapReadResult read;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(IdleTimeout);
                try
                {
                    read = await Reader.ReadAsync(GoAheadAsync, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Output.Untagged("BYE autologout: idle for too long");
                    await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
            }

            if (read.EndOfStream)
            {
                return;
            }

            var completion = read.Command is { } bytes ? await DispatchAsync(bytes, cancellationToken).ConfigureAwait(false) : Refusal(read);
            badInARow = completion.Completion?.Status == "BAD" ? badInARow + 1 : 0;
            if (completion.Completion == ImapCompletion.AlreadySent)
            {
                // Written by the command.
            }
            else if (completion.Tag is { } tag && completion.Completion is { } done)
            {
                Output.Tagged(tag, done.Status, done.Text);
            }
            else if (completion.Completion is { } untagged)
            {
                Output.Untagged($"BAD {untagged.Text}");
            }

            if (read.Fatal || badInARow >= MaxBadCommandsInARow)
            {
                Output.Untagged("BYE too many errors");
                await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            Selected?.EndCommand();
            await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the client about changes to the selected mailbox (new mail, flags, expunges when allowed).</summary>
    public Task SynchronizeAsync(bool allowExpunge, CancellationToken cancellationToken) =>
        Selected is null ? Task.CompletedTask : Selected.SynchronizeAsync(this, allowExpunge, cancellationToken);

    public void Dispose()
    {
        _subscription?.Dispose();
        _changed.Dispose();
        _compressed?.Dispose();
    }

    private static (string? Tag, ImapCompletion? Completion) Refusal(ImapReadResult read) =>
        (read.Tag, read.Error!.StartsWith("[TOOBIG]", StringComparison.Ordinal) && read.Tag is not null && !read.Fatal
            ? ImapCompletion.No(read.Error)
            : ImapCompletion.Bad(read.Error));

    private async ValueTask GoAheadAsync(CancellationToken cancellationToken)
    {
        Output.Continuation("Ready for literal data");
        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string? Tag, ImapCompletion? Completion)> DispatchAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        string? tag = null;
        try
        {
            var command = _parser.Parse(bytes, out tag);
            if (!_commands.TryGet(command.Name, out var handler) || (command.IsUid && !ImapCommandSet.HasUidForm(command.Name)))
            {
                return (tag, ImapCompletion.Bad($"unknown command {(command.IsUid ? "UID " : string.Empty)}{command.Name}"));
            }

            if ((handler.AllowedIn & State) == 0)
            {
                return (tag, ImapCompletion.Bad($"{command.Name} is not allowed {StateText()}"));
            }

            var completion = await handler.ExecuteAsync(this, command, cancellationToken).ConfigureAwait(false);
            return (tag, completion);
        }
        catch (ImapSyntaxException ex)
        {
            return (tag, ImapCompletion.Bad(ex.Message));
        }
        catch (ImapNoException ex)
        {
            return (tag, ImapCompletion.No(ex.Message));
        }
        catch (DirectoryUnavailableException)
        {
            return (tag, ImapCompletion.No("[UNAVAILABLE] the directory is temporarily unavailable, try again later"));
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IOException or SocketException or ObjectDisposedException))
        {
            // A fault of ours in one command: the client gets NO [SERVERBUG], the session and the log go on.
            ImapLog.CommandFailed(Services.Logger, tag ?? "?", ex.GetType().Name, ex.Message);
            return (tag, ImapCompletion.No("[SERVERBUG] internal error, the command was not completed"));
        }
    }

    private string StateText() => State switch
    {
        ImapState.NotAuthenticated => "before login",
        ImapState.Authenticated => "without a selected mailbox",
        _ => "now",
    };

    private void AttachStreams()
    {
        var stream = _compressed ?? Connection.Stream;
        // Zero-byte reads: an idle connection holds no read buffer until data arrives (many IDLE sessions stay small).
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true, useZeroByteReads: true));
        Reader = new ImapCommandReader(_input, Services.Limits);
        // The writer sends each buffer segment with its own write: 64 KB segments let a command's whole answer (a
        // FETCH line, a message literal, the tagged OK) leave in one write instead of a few 4 KB ones. Segments go
        // back to the pool at each flush, so an idle session holds none.
        Output = new ImapResponseWriter(PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true)));
    }
}
