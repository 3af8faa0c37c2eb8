using System.CommandLine;
using System.Globalization;
using Mail.Directory;
using Mail.Server.Store;

namespace Mail.Server.Cli;

/// <summary><c>mailbox list ADDRESS</c>: an account's mailboxes with message counts.</summary>
internal static class MailboxCommands
{
    public static Command Build()
    {
        var list = new Command("list", "List an account's mailboxes with message counts and sizes");
        var address = new Argument<string>("ADDRESS");
        list.Add(address);
        CommandAction.SetWithDirectory(list, async (r, dir, ct) =>
        {
            var resolution = await dir.Resolver.ResolveAsync(r.GetRequiredValue(address), ct, useCache: false).ConfigureAwait(false);
            if (resolution is not { Kind: AddressKind.Account, PrimaryAddress: { } account })
            {
                throw new CliException($"unknown account {r.GetRequiredValue(address).Trim().ToLowerInvariant()}");
            }

            var store = new MessageStore(CliApplication.Data(r).StoreFolder);
            store.Index.EnsureAccount(account);
            foreach (var mailbox in store.Index.Mailboxes(account))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mailbox.Name}\t{mailbox.SpecialUse ?? "-"}\t{mailbox.Messages} messages\t{mailbox.Size} bytes"));
            }
        });
        return new Command("mailbox", "Look at accounts' mailboxes") { list };
    }
}
