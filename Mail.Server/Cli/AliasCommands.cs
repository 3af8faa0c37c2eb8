using System.CommandLine;
using Mail.WebAdmin.Audit;

namespace Mail.Server.Cli;

/// <summary><c>alias add|remove ADDRESS ALIAS</c> for accounts and groups.</summary>
internal static class AliasCommands
{
    public static Command Build()
    {
        var alias = new Command("alias", "Manage extra addresses of accounts and groups");
        foreach (var (verb, adding) in new[] { ("add", true), ("remove", false) })
        {
            var command = new Command(verb, adding ? "Give ADDRESS the extra address ALIAS" : "Take the extra address ALIAS from ADDRESS");
            var owner = new Argument<string>("ADDRESS");
            var extra = new Argument<string>("ALIAS");
            command.Add(owner);
            command.Add(extra);
            CommandAction.SetWithDirectory(command, async (r, dir, ct) =>
            {
                var (o, a) = (r.GetRequiredValue(owner), r.GetRequiredValue(extra));
                if (adding)
                {
                    await dir.Aliases.AddAsync(o, a, ct).ConfigureAwait(false);
                }
                else
                {
                    await dir.Aliases.RemoveAsync(o, a, ct).ConfigureAwait(false);
                }

                var (shownOwner, shownAlias) = (o.Trim().ToLowerInvariant(), a.Trim().ToLowerInvariant());
                Console.WriteLine($"{(adding ? "added" : "removed")} alias {shownAlias} {(adding ? "to" : "from")} {shownOwner}");
                await CommandAudit.RecordAsync(r, adding ? AuditActions.AliasAdd : AuditActions.AliasRemove, shownOwner, shownAlias).ConfigureAwait(false);
            });
            alias.Add(command);
        }

        return alias;
    }
}
