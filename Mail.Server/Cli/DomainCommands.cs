using System.CommandLine;
using Mail.Server.Dkim;

namespace Mail.Server.Cli;

/// <summary><c>domain add|list|remove</c>; a new domain gets its DKIM keys at once, a removed one keeps them.</summary>
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
            await DkimCommands.GenerateDefaultKeysAsync(CliApplication.Data(r), domain, ct).ConfigureAwait(false);
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
        });

        return new Command("domain", "Manage hosted domains") { add, list, remove };
    }
}
