using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Server.Smtp;
using MimeKit;

namespace Mail.Server.Queue;

/// <summary>One connection (kept open across messages) from the queue to a destination domain's servers: connects to
/// the route's hosts in order, STARTTLS when offered (opportunistic, certificates not checked, as Postfix's "may"
/// level, retrying in the clear when the TLS handshake fails), AUTH only at a configured relay and only under TLS,
/// and sends jobs as SMTP transactions, turning every reply into a per-recipient outcome.</summary>
internal sealed class DeliveryConnection(MxRouter router, DeliveryOptions options, string hostname) : IAsyncDisposable
{
    // The message is sent as stored (signatures stay valid); CRLF on the wire whatever the platform.
    private static readonly FormatOptions Wire = CreateFormat();
    private OutboundSmtpClient? _client;
    private string? _host;

    /// <summary>Why the destination could not be reached, when it could not; the remaining jobs for the domain
    /// share that fate instead of each waiting for the same timeouts.</summary>
    public SmtpReply? Unreachable { get; private set; }

    /// <summary>Sends <paramref name="message"/> for <paramref name="job"/>'s recipients; returns an outcome for each.</summary>
    public async Task<IReadOnlyList<RecipientOutcome>> DeliverAsync(DeliveryJob job, MimeMessage message, CancellationToken cancellationToken)
    {
        if (_client is not { IsConnected: true })
        {
            await DropAsync().ConfigureAwait(false);
            var problem = await ConnectAsync(job.Domain, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                Unreachable = problem;
                return job.Recipients.Select(r => Outcome(r, problem, null)).ToList();
            }
        }

        var outcomes = new List<RecipientOutcome>();
        foreach (var chunk in job.Recipients.Chunk(options.RecipientsPerTransaction))
        {
            outcomes.AddRange(await TransactionAsync(job.Sender, chunk, message, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    public async ValueTask DisposeAsync() => await DropAsync(quit: true).ConfigureAwait(false);

    private static RecipientOutcome Outcome(string recipient, SmtpReply reply, string? host) =>
        new(recipient, reply.IsPositive ? OutcomeKind.Delivered : RemoteReply.IsPermanent(reply) ? OutcomeKind.Failed : OutcomeKind.Deferred, reply, host);

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    private async Task<List<RecipientOutcome>> TransactionAsync(string sender, string[] recipients, MimeMessage message, CancellationToken cancellationToken)
    {
        var client = _client!;

        // RFC 6531 3.2: a non-ASCII mailbox cannot go to a server that does not offer SMTPUTF8 (domains can, as
        // A-labels); such recipients are returned now rather than after days of refusals.
        if (!client.Capabilities.HasFlag(SmtpCapabilities.UTF8))
        {
            var refusal = new SmtpReply(553, "5.6.7", $"{_host} does not accept internationalized (SMTPUTF8) addresses");
            if (!LocalPartIsAscii(sender))
            {
                return recipients.Select(r => Outcome(r, refusal, _host)).ToList();
            }

            var international = recipients.Where(r => !LocalPartIsAscii(r)).ToList();
            if (international.Count > 0)
            {
                var rest = recipients.Except(international, StringComparer.Ordinal).ToArray();
                var sent = rest.Length > 0 ? await TransactionAsync(sender, rest, message, cancellationToken).ConfigureAwait(false) : [];
                return [.. sent, .. international.Select(r => Outcome(r, refusal, _host))];
            }
        }

        client.Refused.Clear();
        SmtpReply? all = null;
        try
        {
            var response = await client.SendAsync(Wire, message, Mailbox(sender), recipients.Select(Mailbox), cancellationToken).ConfigureAwait(false);
            all = RemoteReply.From(250, response);
        }
        catch (NoRecipientAcceptedException)
        {
            // Every recipient has its own refusal below.
        }
        catch (SmtpCommandException ex)
        {
            all = RemoteReply.From((int)ex.StatusCode, ex.Message);
            if (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
            {
                await DropAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Lost mid-transaction: nothing is known to have arrived. If the server had in fact taken the message, the
            // retry sends it twice; that is the price of never losing one.
            all = new SmtpReply(451, "4.4.2", $"connection with {_host} lost: {ex.Message}");
            await DropAsync().ConfigureAwait(false);
        }

        return recipients.Select(r => client.Refused.TryGetValue(r, out var refused)
            ? Outcome(r, RemoteReply.From((int)refused.StatusCode, refused.Response), _host)
            : Outcome(r, all ?? new SmtpReply(451, "4.4.2", "no reply"), _host)).ToList();
    }

    private static MailboxAddress Mailbox(string address) => new(string.Empty, address);

    private static bool LocalPartIsAscii(string address) => System.Text.Ascii.IsValid(address.AsSpan(0, Math.Max(0, address.LastIndexOf('@'))));

    private async Task<SmtpReply?> ConnectAsync(string domain, CancellationToken cancellationToken)
    {
        var route = await router.ResolveAsync(domain, cancellationToken).ConfigureAwait(false);
        if (route.Problem is { } problem)
        {
            return problem;
        }

        SmtpReply last = new(451, "4.4.1", $"no server for {domain} answered");
        foreach (var host in route.Hosts)
        {
            foreach (var address in host.Addresses)
            {
                var reply = await TryConnectAsync(host, address, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken).ConfigureAwait(false);
                if (reply is { Code: 0 })
                {
                    // The TLS handshake failed: like Postfix at its "may" level, the same server again in the clear.
                    reply = await TryConnectAsync(host, address, SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
                }

                if (reply is null)
                {
                    return null;
                }

                last = reply;
                if (RemoteReply.IsPermanent(reply) && options.Relay.Length > 0)
                {
                    return reply;
                }
            }
        }

        return last.IsPositive ? new SmtpReply(451, "4.4.1", last.Text) : last;
    }

    /// <summary>Null when connected; a reply with code 0 when only the TLS handshake failed; else why it failed.</summary>
    private async Task<SmtpReply?> TryConnectAsync(RouteHost host, IPAddress address, SecureSocketOptions security, CancellationToken cancellationToken)
    {
        var where = $"{host.Name}[{address}]:{host.Port}";
        // Without NODELAY the last small segment of a pipelined command group waits for the delayed ACK of the one
        // before it: 40 ms a message on Linux, which capped one connection at ~25 messages a second (bench/outbound).
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new OutboundSmtpClient
        {
            LocalDomain = hostname,
            Timeout = options.TimeoutSeconds * 1000,
            CheckCertificateRevocation = false,

            // Opportunistic TLS protects against passive listeners; without DANE or MTA-STS there is nothing to check a
            // certificate against, so refusing a self-signed one would only push the mail into the clear.
#pragma warning disable CA5359 // deliberate, see above: opportunistic TLS accepts any certificate
            ServerCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
        };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds));
                await socket.ConnectAsync(new IPEndPoint(address, host.Port), connectTimeout.Token).ConfigureAwait(false);
            }

            var implicitTls = options.Relay.Length > 0 && host.Port == 465;
            await client.ConnectAsync(socket, host.Name, host.Port, implicitTls ? SecureSocketOptions.SslOnConnect : security, cancellationToken).ConfigureAwait(false);
            if (options.Relay.Length > 0 && options.RelayUser.Length > 0)
            {
                if (!client.IsSecure && !IPAddress.IsLoopback(address))
                {
                    await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
                    client.Dispose();
                    return new SmtpReply(451, "4.7.0", $"the relay {where} offers no TLS: the relay password is not sent in the clear");
                }

                await client.AuthenticateAsync(options.RelayUser, options.RelayPassword, cancellationToken).ConfigureAwait(false);
            }

            _client = client;
            _host = where;
            return null;
        }
        catch (SslHandshakeException) when (security != SecureSocketOptions.None)
        {
            client.Dispose();
            socket.Dispose();
            return new SmtpReply(0, "4.7.0", "TLS handshake failed");
        }
        catch (AuthenticationException ex)
        {
            client.Dispose();
            socket.Dispose();
            return new SmtpReply(451, "4.7.0", $"{where}: the relay refused our login: {ex.Message}");
        }
        catch (SmtpCommandException ex)
        {
            client.Dispose();
            socket.Dispose();
            var reply = RemoteReply.From((int)ex.StatusCode, ex.Message);
            return reply.IsPositive ? new SmtpReply(451, "4.4.1", $"{where} said: {reply.Text}") : reply with { Text = $"{where} said: {reply.Text}" };
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or SmtpProtocolException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            socket.Dispose();
            return new SmtpReply(451, "4.4.1", $"cannot talk to {where}: {(ex is OperationCanceledException or TimeoutException ? "timed out" : ex.Message)}");
        }
    }

    private async Task DropAsync(bool quit = false)
    {
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

        if (quit && client.IsConnected)
        {
            try
            {
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.DisconnectAsync(true, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // Leaving anyway.
            }
        }

        client.Dispose();
    }
}
