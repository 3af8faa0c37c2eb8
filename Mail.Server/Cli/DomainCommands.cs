using System.CommandLine;
using Mail.Server.Dkim;
using Mail.Server.Dns;
using Mail.Server.Hosting;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Operations;

namespace Mail.Server.Cli;

/// <summary><c>domain add|list|remove|dns</c>; a new domain gets its DKIM keys at once, a removed one keeps them.</summary>
internal static class DomainCommands
{
    public static Command Build()
    {
        var add = new Command("add", "Host a new mail domain");
        var addDomain = new Argument<string>("DOMAIN");
        add.Add(addDomain);
        CommandAction.SetWithDirectory(add, async (r, dir, ct) =>
        {
            var domain = await dir.Domains.AddAsync(r.GetRequiredValue(addDomain), ct).ConfigureAwait(false);
            Console.WriteLine($"added domain {domain}");
            var keys = await DkimCommands.GenerateDefaultKeysAsync(CliApplication.Data(r), domain, ct).ConfigureAwait(false);

            // As the web admin records it: the domain with its new keys' selectors.
            await CommandAudit.RecordAsync(r, OperationsAuditActions.DomainAdd, domain, string.Join(", ", keys.Select(k => k.Selector))).ConfigureAwait(false);
        });

        var list = new Command("list", "List hosted domains");
        CommandAction.SetWithDirectory(list, async (r, dir, ct) =>
        {
            foreach (var domain in await dir.Domains.ListAsync(ct).ConfigureAwait(false))
            {
                Console.WriteLine(domain);
            }
        });

        var remove = new Command("remove", "Stop hosting an empty mail domain");
        var removeDomain = new Argument<string>("DOMAIN");
        remove.Add(removeDomain);
        CommandAction.SetWithDirectory(remove, async (r, dir, ct) =>
        {
            var domain = r.GetRequiredValue(removeDomain);
            await dir.Domains.RemoveAsync(domain, ct).ConfigureAwait(false);
            Console.WriteLine($"removed domain {domain.Trim().ToLowerInvariant()}");
            await CommandAudit.RecordAsync(r, OperationsAuditActions.DomainRemove, domain.Trim().ToLowerInvariant()).ConfigureAwait(false);
        });

        var dns = new Command("dns", "Check the records the domain must publish (MX, SPF, DKIM, DMARC, client setup) against what DNS answers now");
        var dnsDomain = new Argument<string>("DOMAIN");
        dns.Add(dnsDomain);
        CommandAction.SetWithDirectory(dns, async (r, dir, ct) =>
        {
            var domain = r.GetRequiredValue(dnsDomain).Trim().TrimEnd('.').ToLowerInvariant();
            if (!await dir.Domains.IsHostedAsync(domain, ct).ConfigureAwait(false))
            {
                throw new CliException($"{domain} is not a domain of this appliance");
            }

            var data = CliApplication.Data(r);
            var options = ApplianceConfiguration.Bind(ApplianceConfiguration.Build(data));
            var keys = await new DkimKeyFolder(data.DkimFolder).ReadAsync(domain, ct).ConfigureAwait(false);
            var check = PublishedRecordsCheck.For(options, ResolverFactory.Create(options.Dns, cache: false));
            var results = await check.CheckAsync(domain, keys, ct).ConfigureAwait(false);
            foreach (var result in results)
            {
                Console.WriteLine($"{result.Status.ToString().ToLowerInvariant(),-8} {result.Purpose}: {result.Name} {result.Type} {result.Expected}  ({result.Note})");
                foreach (var found in result.Found.Where(f => result.Status != DnsCheckStatus.Ok))
                {
                    Console.WriteLine($"         published: {found}");
                }
            }

            var attention = results.Count(c => c.Status != DnsCheckStatus.Ok);
            if (attention > 0)
            {
                throw new CliException($"{attention} of {results.Count} records of {domain} need attention");
            }

            Console.WriteLine($"all {results.Count} records of {domain} are in place");
        });

        return new Command("domain", "Manage hosted domains") { add, list, remove, dns };
    }
}
