using System.Diagnostics;
using System.Globalization;
using Mail.Directory;

namespace DirectoryBench;

/// <summary>Fills the sandbox: base entries, the domain, login accounts through the API and the bulk data through ldapadd.</summary>
internal static class DataLoader
{
    public static async Task<BenchData> LoadAsync(SlapdSandbox sandbox, MailDirectory directory, CancellationToken cancellationToken)
    {
        await sandbox.SeedAsync(directory, cancellationToken);
        await directory.Domains.AddAsync(BenchPlan.Domain, cancellationToken);

        var clock = Stopwatch.StartNew();
        var logins = await AddLoginAccountsAsync(directory, cancellationToken);
        Console.WriteLine($"loaded {logins.Count} accounts with passwords via Accounts.AddAsync ({BenchPlan.Callers} at a time) in {Seconds(clock.Elapsed)}");

        clock.Restart();
        var ldif = Path.Combine(sandbox.Root, "bulk.ldif");
        int entries;
        await using (var file = new StreamWriter(ldif))
        {
            entries = new LdifWriter(file, directory.Layout).WriteGroupTree();
        }

        await LdapAdd.RunAsync(sandbox, directory.Layout.AdminDn, ldif, cancellationToken);
        File.Delete(ldif);
        Console.WriteLine($"loaded {entries} entries ({BenchPlan.BulkAccounts} accounts, {entries - BenchPlan.BulkAccounts} groups) via ldapadd in {Seconds(clock.Elapsed)}");

        var step = BenchPlan.BulkAccounts / BenchPlan.ResolveSetSize;
        var resolveSet = Enumerable.Range(0, BenchPlan.ResolveSetSize).Select(i => GroupTree.Account((i * step) + 1)).ToArray();
        return new BenchData(logins, resolveSet, GroupTree.Top);
    }

    private static async Task<IReadOnlyList<string>> AddLoginAccountsAsync(MailDirectory directory, CancellationToken cancellationToken)
    {
        var logins = Enumerable.Range(1, BenchPlan.LoginAccounts)
            .Select(i => "user" + i.ToString("D3", CultureInfo.InvariantCulture) + "@" + BenchPlan.Domain)
            .ToArray();

        // Concurrent, because slapd's {ARGON2} hashing dominates and uses every core.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = BenchPlan.Callers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(logins, parallel, async (login, token) =>
            await directory.Accounts.AddAsync(login, "Bench Login", BenchPlan.Password, token));
        return logins;
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
