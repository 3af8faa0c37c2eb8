using System.Security.Cryptography;
using System.Text;
using Mail.Directory.Ldap;
using Microsoft.Extensions.Logging;

namespace Mail.Directory.Lookup;

/// <summary>Checks a login and password by binding to the directory as that account; the appliance never
/// sees or keeps the directory's password hash.</summary>
/// <remarks>A good bind is remembered for the directory cache lifetime (30 s by default) as an HMAC of the password
/// under a key made at start and never stored, so a client that reconnects often (phones, a mail client's several
/// connections, POP3 polling) does not cost a slow {ARGON2} check in slapd each time. Failures are never
/// remembered. A password change or an account disabled through this process applies at once; one made by
/// another process (the CLI) applies when the entry expires.</remarks>
public sealed class PasswordAuthenticator
{
    private static readonly byte[] ProofKey = RandomNumberGenerator.GetBytes(32);

    private readonly DirectoryContext _context;
    private readonly AddressResolver _resolver;
    private readonly ILogger _logger;

    internal PasswordAuthenticator(DirectoryContext context, AddressResolver resolver, ILogger logger)
    {
        _context = context;
        _resolver = resolver;
        _logger = logger;
    }

    /// <summary>Authenticates a login (primary address or alias) with a password.</summary>
    /// <exception cref="DirectoryUnavailableException">The directory did not answer in time.</exception>
    public async Task<AuthenticationResult> AuthenticateAsync(string login, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(password))
        {
            return new AuthenticationResult(AuthenticationOutcome.InvalidCredentials, null);
        }

        var resolution = await _resolver.ResolveAsync(login, cancellationToken).ConfigureAwait(false);
        if (resolution.Kind != AddressKind.Account || resolution.Dn is null)
        {
            return new AuthenticationResult(AuthenticationOutcome.InvalidCredentials, null);
        }

        var proof = HMACSHA256.HashData(ProofKey, Encoding.UTF8.GetBytes(password));
        var ok = _context.Logins.TryGet(resolution.Dn, out var remembered) && CryptographicOperations.FixedTimeEquals(remembered, proof);
        if (!ok)
        {
            var generation = _context.Logins.Generation;
            ok = await _context.Gateway.CheckPasswordAsync(resolution.Dn, password, cancellationToken).ConfigureAwait(false);
            if (ok)
            {
                _context.Logins.Set(resolution.Dn, proof, generation);
            }
        }

        if (!ok)
        {
            // A disabled account lands here too in embedded mode: slapd's ACL on userPassword refuses its bind.
            _logger.AuthenticationFailed(resolution.PrimaryAddress);
            return new AuthenticationResult(AuthenticationOutcome.InvalidCredentials, null);
        }

        // External directories have no such ACL: re-check the flag, uncached, after a good bind.
        if (_context.Options.Mode == DirectoryMode.External && !string.IsNullOrEmpty(_context.Map.Disabled))
        {
            var fresh = await _resolver.ResolveAsync(login, cancellationToken, useCache: false).ConfigureAwait(false);
            if (fresh.Disabled)
            {
                return new AuthenticationResult(AuthenticationOutcome.Disabled, fresh.PrimaryAddress);
            }
        }

        return new AuthenticationResult(AuthenticationOutcome.Success, resolution.PrimaryAddress);
    }
}
