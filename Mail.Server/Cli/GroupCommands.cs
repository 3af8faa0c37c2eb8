using System.CommandLine;
using Mail.Directory;
using Mail.WebAdmin.Operations;

namespace Mail.Server.Cli;

/// <summary><c>group add|remove|list|show|set|expand|policy</c>, <c>group member add|remove</c>, <c>group sender add|remove</c>.</summary>
internal static class GroupCommands
{
    public static Command Build()
    {
        var group = new Command("group", "Manage e-mail groups");

        var add = new Command("add", "Create a group");
        var addAddress = new Argument<string>("ADDRESS");
        var name = new Option<string>("--name") { Description = "Display name, e.g. \"Ban Giám đốc\"", Required = true };
        var policy = PolicyOption();
        add.Add(addAddress);
        add.Add(name);
        add.Add(policy);
        var addListing = new ListingOptions(add, withNoPublic: false, withDetails: false);
        CommandAction.SetWithDirectory(add, async (r, dir, ct) =>
        {
            var created = await dir.Groups.AddAsync(r.GetRequiredValue(addAddress), r.GetRequiredValue(name), ParsePolicy(r.GetValue(policy)), ct).ConfigureAwait(false);
            try
            {
                await addListing.ApplyAsync(r, dir, created.Address, ct).ConfigureAwait(false);
            }
            catch
            {
                // Nothing half-made: a group that could not be published as asked is removed again.
                await dir.Groups.DeleteAsync(created.Address, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            Console.WriteLine($"added group {created.Address} ({created.Name}), sender policy {SenderPolicyNames.ToName(created.Policy)}"
                + (addListing.IsPublic(r) == true ? ", public" : string.Empty));
            string[] details = [$"{created.Name} ({SenderPolicyNames.ToName(created.Policy)})", .. addListing.Describe(r)];
            await CommandAudit.RecordAsync(r, OperationsAuditActions.GroupCreate, created.Address, string.Join("; ", details)).ConfigureAwait(false);
        });
        group.Add(add);

        var set = new Command("set", "Publish a group in the public contact list or withdraw it");
        var setAddress = new Argument<string>("GROUP");
        set.Add(setAddress);
        var setListing = new ListingOptions(set, withNoPublic: true, withDetails: false);
        CommandAction.SetWithDirectory(set, async (r, dir, ct) =>
        {
            if (!setListing.HasAny(r))
            {
                throw new CliException("nothing to change (use --public or --no-public)");
            }

            // Read first: "group set" must not change an account given by mistake.
            var address = (await dir.Groups.GetAsync(r.GetRequiredValue(setAddress), ct).ConfigureAwait(false)).Address;
            await setListing.ApplyAsync(r, dir, address, ct).ConfigureAwait(false);
            await CommandAudit.RecordAsync(r, OperationsAuditActions.GroupPublic, address, string.Join("; ", setListing.Describe(r))).ConfigureAwait(false);
            Print(await dir.Groups.GetAsync(address, ct).ConfigureAwait(false));
        });
        group.Add(set);

        var remove = new Command("remove", "Delete a group");
        var removeAddress = new Argument<string>("ADDRESS");
        remove.Add(removeAddress);
        CommandAction.SetWithDirectory(remove, async (r, dir, ct) =>
        {
            await dir.Groups.DeleteAsync(r.GetRequiredValue(removeAddress), ct).ConfigureAwait(false);
            var address = r.GetRequiredValue(removeAddress).Trim().ToLowerInvariant();
            Console.WriteLine($"deleted group {address}");
            await CommandAudit.RecordAsync(r, OperationsAuditActions.GroupDelete, address).ConfigureAwait(false);
        });
        group.Add(remove);

        var list = new Command("list", "List groups, optionally of one domain");
        var listDomain = new Argument<string?>("DOMAIN") { Arity = ArgumentArity.ZeroOrOne };
        list.Add(listDomain);
        CommandAction.SetWithDirectory(list, async (r, dir, ct) =>
        {
            foreach (var g in await dir.Groups.ListAsync(r.GetValue(listDomain), ct).ConfigureAwait(false))
            {
                Console.WriteLine($"{g.Address}\t{g.Name}\t{SenderPolicyNames.ToName(g.Policy)}\t{g.Members.Count} members");
            }
        });
        group.Add(list);

        var show = new Command("show", "Show a group and its direct members");
        var showAddress = new Argument<string>("GROUP");
        show.Add(showAddress);
        CommandAction.SetWithDirectory(show, async (r, dir, ct) => Print(await dir.Groups.GetAsync(r.GetRequiredValue(showAddress), ct).ConfigureAwait(false)));
        group.Add(show);

        var expand = new Command("expand", "Print the final recipients, one per line, sorted, without duplicates");
        var expandAddress = new Argument<string>("ADDRESS");
        expand.Add(expandAddress);
        CommandAction.SetWithDirectory(expand, async (r, dir, ct) =>
        {
            foreach (var address in await dir.Expander.ExpandAsync(r.GetRequiredValue(expandAddress), ct).ConfigureAwait(false))
            {
                Console.WriteLine(address);
            }
        });
        group.Add(expand);

        var setPolicy = new Command("policy", "Set who may send to the group");
        var policyGroup = new Argument<string>("GROUP");
        var policyValue = new Argument<string>("POLICY") { Description = "anyone, members, domain or senders" };
        policyValue.AcceptOnlyFromAmong("anyone", "members", "domain", "senders");
        setPolicy.Add(policyGroup);
        setPolicy.Add(policyValue);
        CommandAction.SetWithDirectory(setPolicy, async (r, dir, ct) =>
        {
            var value = ParsePolicy(r.GetRequiredValue(policyValue));
            await dir.Groups.SetPolicyAsync(r.GetRequiredValue(policyGroup), value, ct).ConfigureAwait(false);
            var address = r.GetRequiredValue(policyGroup).Trim().ToLowerInvariant();
            Console.WriteLine($"sender policy of {address} is now {SenderPolicyNames.ToName(value)}");
            await CommandAudit.RecordAsync(r, OperationsAuditActions.GroupPolicy, address, SenderPolicyNames.ToName(value)).ConfigureAwait(false);
        });
        group.Add(setPolicy);

        group.Add(Pair("member", "Manage a group's members (local accounts, groups, or external addresses)", "MEMBER",
            ((dir, g, m, ct) => dir.Groups.AddMemberAsync(g, m, ct), OperationsAuditActions.GroupMemberAdd),
            ((dir, g, m, ct) => dir.Groups.RemoveMemberAsync(g, m, ct), OperationsAuditActions.GroupMemberRemove), "member"));
        group.Add(Pair("sender", "Manage the addresses allowed to send to a group whose policy is 'senders'", "ADDRESS",
            ((dir, g, a, ct) => dir.Groups.AddSenderAsync(g, a, ct), OperationsAuditActions.GroupSenderAdd),
            ((dir, g, a, ct) => dir.Groups.RemoveSenderAsync(g, a, ct), OperationsAuditActions.GroupSenderRemove), "allowed sender"));
        return group;
    }

    private static Option<string> PolicyOption()
    {
        var option = new Option<string>("--policy")
        {
            Description = "Who may send: anyone, members, domain or senders",
            DefaultValueFactory = _ => "anyone",
        };
        option.AcceptOnlyFromAmong("anyone", "members", "domain", "senders");
        return option;
    }

    private static SenderPolicy ParsePolicy(string? text) =>
        SenderPolicyNames.TryParse(text, out var policy) ? policy : throw new CliException($"unknown policy '{text}' (use anyone, members, domain or senders)");

    private static Command Pair(
        string noun, string description, string argumentName,
        (Func<MailDirectory, string, string, CancellationToken, Task> Change, string Action) add,
        (Func<MailDirectory, string, string, CancellationToken, Task> Change, string Action) remove,
        string what)
    {
        var command = new Command(noun, description);
        foreach (var (verb, (change, action)) in new[] { ("add", add), ("remove", remove) })
        {
            var sub = new Command(verb, $"{(verb == "add" ? "Add" : "Remove")} one or more {what}s");
            var groupArgument = new Argument<string>("GROUP");
            var valueArgument = new Argument<string[]>(argumentName) { Arity = ArgumentArity.OneOrMore };
            sub.Add(groupArgument);
            sub.Add(valueArgument);
            CommandAction.SetWithDirectory(sub, async (r, dir, ct) =>
            {
                var g = r.GetRequiredValue(groupArgument);
                var shown = g.Trim().ToLowerInvariant();

                // One change per value, each reported as it is made: a refused value stops the command there, with
                // the ones before it done and said.
                foreach (var v in r.GetRequiredValue(valueArgument))
                {
                    await change(dir, g, v, ct).ConfigureAwait(false);
                    Console.WriteLine($"{(verb == "add" ? "added" : "removed")} {what} {v.Trim().ToLowerInvariant()} {(verb == "add" ? "to" : "from")} {shown}");
                    await CommandAudit.RecordAsync(r, action, shown, v.Trim().ToLowerInvariant()).ConfigureAwait(false);
                }
            });
            command.Add(sub);
        }

        return command;
    }

    private static void Print(Group group)
    {
        Console.WriteLine($"address: {group.Address}");
        Console.WriteLine($"name: {group.Name}");
        Console.WriteLine($"policy: {SenderPolicyNames.ToName(group.Policy)}");
        Console.WriteLine($"public: {(group.Public ? "yes" : "no")}");
        Console.WriteLine($"aliases: {string.Join(", ", group.Aliases)}");
        Console.WriteLine($"allowed senders: {string.Join(", ", group.AllowedSenders)}");
        Console.WriteLine($"members: {group.Members.Count}");
        foreach (var member in group.Members.OrderBy(m => m.Kind).ThenBy(m => m.Address, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {member.Kind.ToString().ToLowerInvariant()}\t{(member.Address.Length > 0 ? member.Address : member.Dn)}");
        }
    }
}
