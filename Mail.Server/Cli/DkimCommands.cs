using System.CommandLine;
using Mail.Directory;
using Mail.Directory.Addressing;
using Mail.Server.Dkim;
using Mail.Server.Hosting;
using Mail.WebAdmin.Operations;

namespace Mail.Server.Cli;

/// <summary><c>dkim generate|activate|show</c>: the DKIM keys of hosted domains (DATA/dkim).</summary>
internal static class DkimCommands
{
    public static Command Build()
    {
        var generate = new Command("generate", "Make a new DKIM key: active when the domain has no active key of that algorithm, else pending");
        var generateDomain = new Argument<string>("DOMAIN");
        var selector = new Option<string?>("--selector") { Description = "The DNS selector (default: ALGORITHM-YYYYMMDD)" };
        var algorithm = new Option<string>("--algorithm") { Description = "rsa (2048 bits) or ed25519", DefaultValueFactory = _ => "rsa" };
        generate.Add(generateDomain);
        generate.Add(selector);
        generate.Add(algorithm);
        CommandAction.SetWithDirectory(generate, async (r, dir, ct) =>
        {
            if (!DkimKey.TryParseAlgorithm(r.GetValue(algorithm), out var kind))
            {
                throw new CliException($"unknown DKIM algorithm '{r.GetValue(algorithm)}' (rsa or ed25519)");
            }

            var domain = await HostedDomainAsync(dir, r.GetRequiredValue(generateDomain), ct).ConfigureAwait(false);
            var key = await Keyring(r).GenerateAsync(domain, kind, r.GetValue(selector), ct).ConfigureAwait(false);
            Console.WriteLine(key.State == DkimKeyState.Active
                ? $"generated {key.AlgorithmName} DKIM key {key.Selector} for {domain}: active, it signs mail now; publish its record (dkim show {domain})"
                : $"generated {key.AlgorithmName} DKIM key {key.Selector} for {domain}: pending; publish its record (dkim show {domain}), then run 'dkim activate {domain} {key.Selector}'");
            await CommandAudit.RecordAsync(r, OperationsAuditActions.DkimGenerate, domain,
                $"{key.Selector} ({key.AlgorithmName}, {key.State.ToString().ToLowerInvariant()})").ConfigureAwait(false);
        });

        var activate = new Command("activate", "Make a pending DKIM key active and retire the active key of the same algorithm");
        var activateDomain = new Argument<string>("DOMAIN");
        var activateSelector = new Argument<string>("SELECTOR");
        activate.Add(activateDomain);
        activate.Add(activateSelector);
        CommandAction.SetWithDirectory(activate, async (r, dir, ct) =>
        {
            var domain = await HostedDomainAsync(dir, r.GetRequiredValue(activateDomain), ct).ConfigureAwait(false);
            var (activated, retired) = await Keyring(r).ActivateAsync(domain, r.GetRequiredValue(activateSelector), ct).ConfigureAwait(false);
            Console.WriteLine($"activated {activated.AlgorithmName} DKIM key {activated.Selector} of {domain}"
                + (retired is null ? string.Empty : $"; retired {retired.Selector} (leave its record published for a few days)"));
            await CommandAudit.RecordAsync(r, OperationsAuditActions.DkimActivate, domain,
                activated.Selector + (retired is null ? string.Empty : $" (retired {retired.Selector})")).ConfigureAwait(false);
        });

        var show = new Command("show", "Print the DNS TXT records of a domain's DKIM keys");
        var showDomain = new Argument<string>("DOMAIN");
        show.Add(showDomain);
        CommandAction.SetWithDirectory(show, async (r, dir, ct) =>
        {
            var domain = await HostedDomainAsync(dir, r.GetRequiredValue(showDomain), ct).ConfigureAwait(false);
            var keys = await Keyring(r).Folder.ReadAsync(domain, ct).ConfigureAwait(false);
            if (keys.Count == 0)
            {
                throw new CliException($"{domain} has no DKIM keys; make them with 'dkim generate {domain}'");
            }

            Console.WriteLine($"; DKIM keys of {domain}: publish each TXT record below in the domain's DNS zone");
            foreach (var key in keys.OrderBy(k => k.State).ThenBy(k => k.Algorithm))
            {
                Console.WriteLine(Describe(domain, key));
                if (key.State != DkimKeyState.Retired)
                {
                    Console.WriteLine(DkimDnsRecord.ZoneLine(domain, key));
                }
            }
        });

        return new Command("dkim", "Manage DKIM signing keys") { generate, activate, show };
    }

    /// <summary>Gives <paramref name="domain"/> an active RSA and Ed25519 key unless it has them (init, domain add);
    /// returns the keys it made.</summary>
    public static async Task<IReadOnlyList<DkimKey>> GenerateDefaultKeysAsync(DataFolder data, string domain, CancellationToken cancellationToken)
    {
        var made = await Keyring(data).EnsureActiveAsync(domain, cancellationToken).ConfigureAwait(false);
        foreach (var key in made)
        {
            Console.WriteLine($"created {key.AlgorithmName} DKIM key {key.Selector} for {domain} (active; publish its record: dkim show {domain})");
        }

        return made;
    }

    /// <summary>The one-line comment above a key's record.</summary>
    private static string Describe(string domain, DkimKey key) => key.State switch
    {
        DkimKeyState.Active => $"; {key.AlgorithmName} key {key.Selector}: active (signs mail)",
        DkimKeyState.Pending => $"; {key.AlgorithmName} key {key.Selector}: pending (publish it, then 'dkim activate {domain} {key.Selector}' once DNS serves it)",
        _ => $"; {key.AlgorithmName} key {key.Selector}: retired (signs nothing; remove its record once mail signed with it has been delivered)",
    };

    private static DkimKeyring Keyring(ParseResult result) => Keyring(CliApplication.Data(result));

    private static DkimKeyring Keyring(DataFolder data) => new(new DkimKeyFolder(data.DkimFolder), TimeProvider.System);

    private static async Task<string> HostedDomainAsync(MailDirectory directory, string text, CancellationToken cancellationToken)
    {
        var domain = MailAddress.NormalizeDomain(text);
        return await directory.Domains.IsHostedAsync(domain, cancellationToken).ConfigureAwait(false)
            ? domain
            : throw new CliException($"unknown domain {domain}");
    }
}
