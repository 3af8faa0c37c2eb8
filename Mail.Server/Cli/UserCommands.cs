using System.CommandLine;
using System.Globalization;
using Mail.Directory;
using Mail.WebAdmin.Audit;

namespace Mail.Server.Cli;

/// <summary><c>user add|list|show|set|passwd|disable|enable|delete</c>.</summary>
internal static class UserCommands
{
    public static Command Build()
    {
        var user = new Command("user", "Manage mail accounts");

        var add = new Command("add", "Create an account");
        var addAddress = new Argument<string>("ADDRESS");
        var name = new Option<string>("--name") { Description = "Display name, e.g. \"Nguyễn Văn An\"", Required = true };
        var password = new Option<string>("--password") { Description = "Initial password", Required = true };
        var role = new Option<string?>("--role") { Description = "admin, domain-admin or helpdesk" };
        var quota = new Option<long?>("--quota") { Description = "Quota in bytes (default: the appliance default)" };
        add.Add(addAddress);
        add.Add(name);
        add.Add(password);
        add.Add(role);
        add.Add(quota);
        var addListing = new ListingOptions(add, withNoPublic: false);
        CommandAction.SetWithDirectory(add, async (r, dir, ct) =>
        {
            var account = await dir.Accounts.AddAsync(
                r.GetRequiredValue(addAddress), r.GetRequiredValue(name), r.GetRequiredValue(password), ct, r.GetValue(role), r.GetValue(quota))
                .ConfigureAwait(false);
            try
            {
                await addListing.ApplyAsync(r, dir, account.Address, ct).ConfigureAwait(false);
            }
            catch
            {
                // A refused title or unit must not leave a half-made account behind.
                await dir.Accounts.DeleteAsync(account.Address, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            Console.WriteLine($"added {account.Address} ({account.Name}){(addListing.IsPublic(r) == true ? ", public" : string.Empty)}");
            string[] details = [account.Name, .. r.GetValue(role) is { } given ? new[] { "role " + given } : [], .. addListing.Describe(r)];
            await CommandAudit.RecordAsync(r, AuditActions.AccountCreate, account.Address, string.Join("; ", details)).ConfigureAwait(false);
        });
        user.Add(add);

        var set = new Command("set", "Change what the public contact list shows of an account");
        var setAddress = new Argument<string>("ADDRESS");
        set.Add(setAddress);
        var setListing = new ListingOptions(set, withNoPublic: true);
        CommandAction.SetWithDirectory(set, async (r, dir, ct) =>
        {
            if (!setListing.HasAny(r))
            {
                throw new CliException("nothing to change (use --public, --no-public, --title or --unit)");
            }

            // Read first: "user set" must not change a group given by mistake.
            var address = (await dir.Accounts.GetAsync(r.GetRequiredValue(setAddress), ct).ConfigureAwait(false)).Address;
            await setListing.ApplyAsync(r, dir, address, ct).ConfigureAwait(false);
            await CommandAudit.RecordAsync(r, AuditActions.AccountPublic, address, string.Join("; ", setListing.Describe(r))).ConfigureAwait(false);
            await PrintAsync(dir, address, ct).ConfigureAwait(false);
        });
        user.Add(set);

        var roleCommand = new Command("role", "Give an account a role (admin, domain-admin, helpdesk) or take it away (user)");
        var roleAddress = new Argument<string>("ADDRESS");
        var roleName = new Argument<string>("ROLE") { Description = "admin, domain-admin, helpdesk or user" };
        var manages = new Option<string[]>("--manages")
        {
            Description = "Hosted domains a domain-admin or helpdesk account manages (default: its own domain)",
            AllowMultipleArgumentsPerToken = true,
        };
        roleCommand.Add(roleAddress);
        roleCommand.Add(roleName);
        roleCommand.Add(manages);
        CommandAction.SetWithDirectory(roleCommand, async (r, dir, ct) =>
        {
            var address = (await dir.Accounts.GetAsync(r.GetRequiredValue(roleAddress), ct).ConfigureAwait(false)).Address;
            await dir.Accounts.SetRoleAsync(address, r.GetRequiredValue(roleName), r.GetValue(manages) ?? [], ct).ConfigureAwait(false);
            var changed = await dir.Accounts.GetAsync(address, ct).ConfigureAwait(false);
            await CommandAudit.RecordAsync(r, AuditActions.AccountRole, address, (changed.Roles.Count > 0 ? string.Join(", ", changed.Roles) : "user")
                + (changed.ManagedDomains.Count > 0 ? $" (manages {string.Join(", ", changed.ManagedDomains)})" : string.Empty)).ConfigureAwait(false);
            await PrintAsync(dir, address, ct).ConfigureAwait(false);
        });
        user.Add(roleCommand);

        var list = new Command("list", "List accounts, optionally of one domain");
        var listDomain = new Argument<string?>("DOMAIN") { Arity = ArgumentArity.ZeroOrOne };
        list.Add(listDomain);
        CommandAction.SetWithDirectory(list, async (r, dir, ct) =>
        {
            foreach (var account in await dir.Accounts.ListAsync(r.GetValue(listDomain), ct).ConfigureAwait(false))
            {
                Console.WriteLine($"{account.Address}\t{account.Name}{(account.Disabled ? "\tdisabled" : string.Empty)}");
            }
        });
        user.Add(list);

        var show = new Command("show", "Show one account");
        var showAddress = new Argument<string>("ADDRESS");
        show.Add(showAddress);
        CommandAction.SetWithDirectory(show, (r, dir, ct) => PrintAsync(dir, r.GetRequiredValue(showAddress), ct));
        user.Add(show);

        var passwd = new Command("passwd", "Set a new password (from --password, else one line of standard input)");
        var passwdAddress = new Argument<string>("ADDRESS");
        var newPassword = new Option<string?>("--password") { Description = "The new password" };
        passwd.Add(passwdAddress);
        passwd.Add(newPassword);
        CommandAction.SetWithDirectory(passwd, async (r, dir, ct) =>
        {
            var value = r.GetValue(newPassword) ?? await Console.In.ReadLineAsync(ct).ConfigureAwait(false)
                ?? throw new CliException("no password given (use --password or standard input)");
            await dir.Accounts.SetPasswordAsync(r.GetRequiredValue(passwdAddress), value, ct).ConfigureAwait(false);
            var address = r.GetRequiredValue(passwdAddress).Trim().ToLowerInvariant();
            Console.WriteLine($"password changed for {address}");

            // Which account, never the password.
            await CommandAudit.RecordAsync(r, AuditActions.PasswordReset, address).ConfigureAwait(false);
        });
        user.Add(passwd);

        user.Add(Simple("disable", "Stop an account from signing in (mail still arrives)", (dir, a, ct) => dir.Accounts.SetDisabledAsync(a, true, ct), "disabled",
            AuditActions.AccountDisable));
        user.Add(Simple("enable", "Let a disabled account sign in again", (dir, a, ct) => dir.Accounts.SetDisabledAsync(a, false, ct), "enabled",
            AuditActions.AccountEnable));
        user.Add(Simple("delete", "Delete an account", (dir, a, ct) => dir.Accounts.DeleteAsync(a, ct), "deleted", AuditActions.AccountDelete));
        return user;
    }

    private static Command Simple(string verb, string description, Func<MailDirectory, string, CancellationToken, Task> change, string done, string action)
    {
        var command = new Command(verb, description);
        var address = new Argument<string>("ADDRESS");
        command.Add(address);
        CommandAction.SetWithDirectory(command, async (r, dir, ct) =>
        {
            var value = r.GetRequiredValue(address);
            await change(dir, value, ct).ConfigureAwait(false);
            Console.WriteLine($"{done} {value.Trim().ToLowerInvariant()}");
            await CommandAudit.RecordAsync(r, action, value.Trim().ToLowerInvariant()).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task PrintAsync(MailDirectory directory, string address, CancellationToken cancellationToken)
    {
        var account = await directory.Accounts.GetAsync(address, cancellationToken).ConfigureAwait(false);
        var (title, unit) = await directory.PublicContacts.GetDetailsAsync(account.Address, cancellationToken).ConfigureAwait(false);
        Print(account, title, unit);
    }

    private static void Print(Account account, string? title, string? unit)
    {
        Console.WriteLine($"address: {account.Address}");
        Console.WriteLine($"name: {account.Name}");
        Console.WriteLine($"status: {(account.Disabled ? "disabled" : "enabled")}");
        Console.WriteLine($"aliases: {string.Join(", ", account.Aliases)}");
        Console.WriteLine($"roles: {string.Join(", ", account.Roles)}");
        Console.WriteLine($"manages: {string.Join(", ", account.ManagedDomains)}");
        Console.WriteLine($"public: {(account.Public ? "yes" : "no")}");
        Console.WriteLine($"title: {title}");
        Console.WriteLine($"unit: {unit}");
        Console.WriteLine($"quota: {(account.QuotaBytes is { } q ? q.ToString(CultureInfo.InvariantCulture) + " bytes" : "default")}");
        Console.WriteLine($"dn: {account.Dn}");
    }
}
