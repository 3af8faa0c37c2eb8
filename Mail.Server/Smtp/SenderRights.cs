using Mail.Directory;

namespace Mail.Server.Smtp;

/// <summary>Which addresses an authenticated user may send as: their own primary address and aliases, and
/// groups that list them as an allowed sender (<c>group sender add</c>). Membership alone does not let
/// a member send in the group's name.</summary>
public sealed class SenderRights(MailDirectory directory)
{
    /// <summary>The refusal for an address the user does not own.</summary>
    public static SmtpReply NotYours { get; } = new(553, "5.7.1", "sender address not owned by the authenticated user");

    /// <summary>True when <paramref name="login"/> (as authenticated) may use <paramref name="address"/> as sender.</summary>
    /// <exception cref="Mail.Directory.Ldap.DirectoryUnavailableException">The directory did not answer in time.</exception>
    public async Task<bool> MayUseAsync(string login, string address, CancellationToken cancellationToken)
    {
        var user = await directory.Resolver.ResolveAsync(login, cancellationToken).ConfigureAwait(false);
        var claimed = await directory.Resolver.ResolveAsync(address, cancellationToken).ConfigureAwait(false);
        if (user is not { Kind: AddressKind.Account, PrimaryAddress: { } primary })
        {
            return false;
        }

        return claimed switch
        {
            { Kind: AddressKind.Account } => claimed.PrimaryAddress == primary,
            { Kind: AddressKind.Group, PrimaryAddress: { } group } =>
                (await directory.Groups.GetCachedAsync(group, cancellationToken).ConfigureAwait(false)).AllowedSenders.Contains(primary, StringComparer.Ordinal),
            _ => false,
        };
    }
}
