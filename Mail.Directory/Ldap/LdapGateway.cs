using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Mail.Directory.Ldap;

/// <summary>Runs every LDAP call against the directory under a deadline and a circuit breaker: a
/// directory that is down or frozen yields <see cref="DirectoryUnavailableException"/> quickly, and the
/// gateway reconnects by itself when it is back.</summary>
/// <remarks>System.DirectoryServices.Protocols has no asynchronous bind and its native timeouts are
/// unreliable on Linux, so each call runs on a pool thread and the caller awaits it with a deadline; the
/// deadline, not the thread, is what keeps SMTP answering.</remarks>
public sealed class LdapGateway : IDisposable
{
    private const int MaxIdleAuthConnections = 16;

    private readonly DirectoryOptions _options;
    private readonly ILogger _logger;
    private readonly CircuitBreaker _breaker;
    private readonly TimeSpan _deadline;
    private readonly LdapDirectoryIdentifier _identifier;
    private readonly bool _ssl;
    private readonly NetworkCredential? _serviceCredential;
    private readonly PooledConnection?[] _service;
    private readonly Lock _serviceGate = new();
    private readonly ConcurrentBag<LdapConnection> _idleAuth = [];
    private int _next;
    private bool _disposed;

    /// <summary>Creates a gateway; no connection is opened until the first call.</summary>
    public LdapGateway(DirectoryOptions options, ILogger<LdapGateway> logger, TimeProvider? time = null)
    {
        _options = options;
        _logger = logger;
        _deadline = TimeSpan.FromMilliseconds(Math.Max(100, options.TimeoutMs));
        _breaker = new CircuitBreaker(TimeSpan.FromMilliseconds(Math.Max(0, options.RetryAfterMs)), time ?? TimeProvider.System);
        LibLdapEnvironment.Apply(_deadline);

        var uri = new Uri(options.EffectiveUrl);
        _ssl = uri.Scheme.Equals("ldaps", StringComparison.OrdinalIgnoreCase);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (_ssl ? 636 : 389) : uri.Port;
        _identifier = new LdapDirectoryIdentifier(uri.Host, port, fullyQualifiedDnsHostName: false, connectionless: false);
        _serviceCredential = string.IsNullOrEmpty(options.BindDn) ? null : new NetworkCredential(options.BindDn, options.BindPassword);
        _service = new PooledConnection?[Math.Max(1, options.ServiceConnections)];
    }

    /// <summary>Sends a request on a shared service connection.</summary>
    public async Task<TResponse> SendAsync<TResponse>(DirectoryRequest request, CancellationToken cancellationToken)
        where TResponse : DirectoryResponse =>
        (await SendOnAsync<TResponse>(request, null, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>Sends a request on <paramref name="pinned"/> while it is in service, else on any service connection;
    /// returns the connection used. A paged search must stay on one connection: its cookie means nothing to another.</summary>
    private async Task<(TResponse Response, PooledConnection Connection)> SendOnAsync<TResponse>(
        DirectoryRequest request, PooledConnection? pinned, CancellationToken cancellationToken)
        where TResponse : DirectoryResponse
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var attempt = 0; ; attempt++)
        {
            ThrowIfOpen();
            PooledConnection pooled;
            do
            {
                // Another request may retire what we rented before we hold it (after a stale session): rent again.
                pooled = pinned is { IsRetired: false } ? pinned : RentServiceConnection();
            }
            while (!pooled.TryAcquire());

            var wasUsed = pooled.WasUsed;
            var task = Task.Run(
                () =>
                {
                    try
                    {
                        pooled.EnsureBound();
                        return (TResponse)pooled.Connection.SendRequest(request);
                    }
                    finally
                    {
                        pooled.Release();
                    }
                },
                CancellationToken.None);

            try
            {
                var response = await task.WaitAsync(_deadline, cancellationToken).ConfigureAwait(false);
                _breaker.Reset();
                return (response, pooled);
            }
            catch (Exception ex) when ((IsStaleSession(ex) || LostItsBind(ex)) && wasUsed && attempt == 0)
            {
                // After a slapd restart, or once slapd closed it for sitting idle, a connection is dead or (reconnected by
                // the client library without a bind) silently unauthenticated: start over once.
                RetireServiceConnections();
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                RetireServiceConnections();
                throw Unavailable(ex);
            }
        }
    }

    /// <summary>Searches with paging until every entry is read, up to <paramref name="maxEntries"/>.</summary>
    public async Task<IReadOnlyList<SearchResultEntry>> SearchAsync(
        string baseDn, string filter, SearchScope scope, string[] attributes, CancellationToken cancellationToken, int maxEntries = int.MaxValue)
    {
        var entries = new List<SearchResultEntry>();
        var paging = new PageResultRequestControl(500) { IsCritical = false };
        PooledConnection? connection = null;
        while (true)
        {
            var request = new SearchRequest(baseDn, filter, scope, attributes);
            request.Controls.Add(paging);
            SearchResponse response;
            try
            {
                (response, connection) = await SendOnAsync<SearchResponse>(request, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
            {
                return entries;
            }
            catch (DirectoryOperationException ex)
            {
                // A read the server would not answer is not an answer: callers (SMTP above all) must say "try
                // later", never "no such user", and never drop the session. One odd answer does not trip the breaker.
                throw NotAnswered(ex);
            }

            foreach (SearchResultEntry entry in response.Entries)
            {
                entries.Add(entry);
                if (entries.Count >= maxEntries)
                {
                    return entries;
                }
            }

            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is null || cookie.Length == 0)
            {
                return entries;
            }

            paging.Cookie = cookie;
        }
    }

    /// <summary>Reads one entry by DN, or null when it does not exist.</summary>
    public async Task<SearchResultEntry?> ReadAsync(string dn, string[] attributes, CancellationToken cancellationToken)
    {
        try
        {
            var response = await SendAsync<SearchResponse>(
                new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, attributes), cancellationToken).ConfigureAwait(false);
            return response.Entries.Count > 0 ? response.Entries[0] : null;
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return null;
        }
        catch (DirectoryOperationException ex)
        {
            throw NotAnswered(ex);
        }
    }

    /// <summary>Checks a password by binding as <paramref name="dn"/> on a connection of its own.</summary>
    /// <returns>True for the right password, false for a wrong one.</returns>
    public async Task<bool> CheckPasswordAsync(string dn, string password, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // An empty password is an "unauthenticated bind" (RFC 4513 5.1.2) that LDAP servers accept.
        if (string.IsNullOrEmpty(password) || string.IsNullOrEmpty(dn))
        {
            return false;
        }

        ThrowIfOpen();
        for (var attempt = 0; ; attempt++)
        {
            var reused = _idleAuth.TryTake(out var idle);
            var connection = reused ? idle! : CreateConnection();
            var task = Task.Run(
                () =>
                {
                    try
                    {
                        connection.Bind(new NetworkCredential(dn, password));
                        return true;
                    }
                    catch (LdapException ex) when (ex.ErrorCode == 49)
                    {
                        return false;
                    }
                },
                CancellationToken.None);

            try
            {
                var ok = await task.WaitAsync(_deadline, cancellationToken).ConfigureAwait(false);
                _breaker.Reset();
                if (_idleAuth.Count < MaxIdleAuthConnections && !_disposed)
                {
                    _idleAuth.Add(connection);
                }
                else
                {
                    connection.Dispose();
                }

                return ok;
            }
            catch (Exception ex) when (IsUnavailable(ex) || ex is OperationCanceledException)
            {
                // The bind may still be blocked in native code: free the handle only when it returns.
                _ = task.ContinueWith(_ => connection.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                if (ex is OperationCanceledException)
                {
                    throw;
                }

                // A pooled connection the server closed while it sat idle (slapd's idletimeout, a restart) fails
                // like a server that is down: drop the idle ones and try once more on a new connection.
                if (reused && attempt == 0 && ex is LdapException)
                {
                    while (_idleAuth.TryTake(out var stale))
                    {
                        stale.Dispose();
                    }

                    continue;
                }

                throw Unavailable(ex);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        RetireServiceConnections();

        while (_idleAuth.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private static bool IsStaleSession(Exception ex) =>
        ex is DirectoryOperationException { Response.ResultCode: ResultCode.InappropriateAuthentication or ResultCode.StrongAuthRequired or ResultCode.InsufficientAccessRights }
        || ex is LdapException { ErrorCode: 81 };

    // What a connection slapd closed for sitting idle gives (measured with slapd 2.5 and S.DS.P 10): a request caught
    // in the close fails with a "Success" result; later ones go over a connection the library reopened without the
    // bind, which slapd ("require authc") answers "unwilling to perform: authentication required". The second is
    // the server's real word when we do not bind at all, so it counts only with a service bind.
    private bool LostItsBind(Exception ex) => ex is DirectoryOperationException { Response.ResultCode: var code }
        && (code == ResultCode.Success || (code == ResultCode.UnwillingToPerform && _serviceCredential is not null));

    // Any LdapException is a transport or session failure (server down 81, timeout 85, connect 91, or a
    // refused service bind); server answers to a request arrive as DirectoryOperationException instead.
    private static bool IsUnavailable(Exception ex) => ex switch
    {
        TimeoutException => true,
        LdapException => true,
        DirectoryOperationException { Response.ResultCode: ResultCode.Busy or ResultCode.Unavailable } => true,
        _ => false,
    };

    private void ThrowIfOpen()
    {
        if (_breaker.IsOpen)
        {
            throw new DirectoryUnavailableException("the directory is temporarily unavailable (recent failure; retrying shortly)");
        }
    }

    private DirectoryUnavailableException Unavailable(Exception ex)
    {
        _breaker.Trip();
        var reason = ex is TimeoutException ? $"no answer within {_deadline.TotalMilliseconds:0} ms" : ex.Message;
        _logger.Unavailable(_options.EffectiveUrl, reason);
        return new DirectoryUnavailableException($"the directory is temporarily unavailable: {reason}", ex);
    }

    private DirectoryUnavailableException NotAnswered(DirectoryOperationException ex)
    {
        var reason = $"{ex.Response?.ResultCode}: {ex.Response?.ErrorMessage ?? ex.Message}";
        _logger.Unavailable(_options.EffectiveUrl, reason);
        return new DirectoryUnavailableException($"the directory did not answer a search ({reason})", ex);
    }

    private void RetireServiceConnections()
    {
        lock (_serviceGate)
        {
            for (var i = 0; i < _service.Length; i++)
            {
                _service[i]?.Retire();
                _service[i] = null;
            }
        }
    }

    private PooledConnection RentServiceConnection()
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)_service.Length);
        lock (_serviceGate)
        {
            var current = _service[index];
            if (current is null || current.IsRetired)
            {
                current = new PooledConnection(CreateConnection(), _serviceCredential);
                _service[index] = current;
            }

            return current;
        }
    }

    private LdapConnection CreateConnection()
    {
        var connection = new LdapConnection(_identifier) { AuthType = AuthType.Basic, AutoBind = false };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        if (_ssl)
        {
            connection.SessionOptions.SecureSocketLayer = true;
        }

        return connection;
    }
}
