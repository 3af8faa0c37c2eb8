namespace Mail.Server.Auth;

/// <summary>DMARC (RFC 7489): finds the policy of the From domain (or of its organisational domain), checks whether
/// SPF or DKIM passed for an aligned domain, and says what the policy asks for a failing message after pct=.</summary>
public sealed class DmarcChecker(TxtLookup lookup, PublicSuffixList suffixes, Random sampling)
{
    /// <summary>The DMARC result for a message whose From domain is <paramref name="fromDomain"/>.</summary>
    public async Task<DmarcCheck> CheckAsync(string fromDomain, SpfCheck spf, IReadOnlyList<DkimCheck> dkim, CancellationToken cancellationToken)
    {
        var organization = suffixes.OrganizationalDomain(fromDomain);

        // 6.6.3: the From domain's own record, else the organisational domain's, whose sp= then applies.
        var (found, temporary) = await FindAsync(fromDomain, cancellationToken).ConfigureAwait(false);
        var atOrganization = false;
        if (found is null && !temporary && !string.Equals(organization, fromDomain, StringComparison.OrdinalIgnoreCase))
        {
            (found, temporary) = await FindAsync(organization, cancellationToken).ConfigureAwait(false);
            atOrganization = found is not null;
        }

        if (temporary)
        {
            return new DmarcCheck(AuthResult.TempError, fromDomain, null, DmarcPolicy.None);
        }

        if (found is null)
        {
            return new DmarcCheck(AuthResult.None, fromDomain, null, DmarcPolicy.None);
        }

        var policy = atOrganization ? found.SubdomainPolicy : found.Policy;
        bool AnyAligned(AuthResult result) =>
            (spf.Result == result && Aligned(spf.Domain, fromDomain, found.StrictSpf, organization))
            || dkim.Any(d => d.Result == result && Aligned(d.Domain, fromDomain, found.StrictDkim, organization));

        if (AnyAligned(AuthResult.Pass))
        {
            return new DmarcCheck(AuthResult.Pass, fromDomain, policy, DmarcPolicy.None);
        }

        // No aligned pass, but an aligned identifier that could not be checked for now: not a failure to act on.
        return AnyAligned(AuthResult.TempError)
            ? new DmarcCheck(AuthResult.TempError, fromDomain, policy, DmarcPolicy.None)
            : new DmarcCheck(AuthResult.Fail, fromDomain, policy, Sampled(policy, found.Percent));
    }

    // 6.6.4: relaxed alignment compares organisational domains, strict the names themselves.
    private bool Aligned(string identifier, string fromDomain, bool strict, string fromOrganization)
    {
        var name = identifier.TrimEnd('.');
        return strict
            ? string.Equals(name, fromDomain, StringComparison.OrdinalIgnoreCase)
            : name.Length > 0 && string.Equals(suffixes.OrganizationalDomain(name), fromOrganization, StringComparison.OrdinalIgnoreCase);
    }

    // 6.6.4 pct=: outside the sampled share the next milder policy applies (reject → quarantine → none).
    private DmarcPolicy Sampled(DmarcPolicy policy, int percent)
    {
        if (percent >= 100 || sampling.Next(100) < percent)
        {
            return policy;
        }

        return policy == DmarcPolicy.Reject ? DmarcPolicy.Quarantine : DmarcPolicy.None;
    }

    // The one DMARC record at _dmarc.domain: none when there is no such record or more than one (6.6.3 step 5).
    private async Task<(DmarcRecord? Record, bool Temporary)> FindAsync(string domain, CancellationToken cancellationToken)
    {
        var answer = await lookup.QueryAsync("_dmarc." + domain, cancellationToken).ConfigureAwait(false);
        if (answer.TemporaryFailure)
        {
            return (null, true);
        }

        var records = answer.Records.Where(DmarcRecord.IsDmarc).ToArray();
        return (records.Length == 1 ? DmarcRecord.Parse(records[0]) : null, false);
    }
}
