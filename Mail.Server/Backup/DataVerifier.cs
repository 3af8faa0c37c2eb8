using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Mail.Directory;
using Mail.Directory.Embedded;
using Mail.Server.Dkim;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Store;

namespace Mail.Server.Backup;

/// <summary>Checks a data folder, also while <c>run</c> serves it: the store (every index row has its body file,
/// reference counts and mailbox counters match, no orphan bodies), the spool (every queued message has its file), the
/// directory (slapcat reads every entry), the TLS pair and the DKIM key files.</summary>
/// <remarks>The running appliance may deliver or expunge between two reads, which can look like a problem for an
/// instant; each kind of problem is looked for twice and only what both looks found is reported. Orphans (a body or a
/// spool file with no row) are what an in-flight delivery looks like, so they are warnings: the next start removes or
/// requeues them.</remarks>
internal sealed class DataVerifier(DataFolder data, ApplianceOptions options)
{
    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var report = new VerifyReport();
        VerifyStore(report);
        VerifySpool(report);
        await VerifyDirectoryAsync(report, cancellationToken).ConfigureAwait(false);
        VerifyTls(report);
        await VerifyDkimAsync(report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private void VerifyStore(VerifyReport report)
    {
        if (!File.Exists(Path.Combine(data.StoreFolder, "index.db")))
        {
            report.Checks.Add("store: empty (no mail delivered yet)");
            return;
        }

        var store = new MessageStore(data.StoreFolder);
        var onDisk = store.Bodies.EnumerateHashes().ToHashSet(StringComparer.Ordinal);
        var problems = Twice(store.Verify);
        var referenced = store.Index.BodyReferences().Select(b => b.Hash).ToHashSet(StringComparer.Ordinal);
        var orphans = onDisk.Where(hash => !referenced.Contains(hash)).Order(StringComparer.Ordinal).ToList();
        var (mailboxes, messages, bodies, bytes) = store.Index.Totals();
        report.Checks.Add(string.Create(CultureInfo.InvariantCulture,
            $"store: {messages} messages in {mailboxes} mailboxes, {bodies} bodies ({bytes} octets): each row's body file, the reference counts, the mailbox counters"));
        report.Problems.AddRange(problems.Select(p => "store: " + p));
        report.Warnings.AddRange(orphans.Select(hash => $"store: body {hash} has no index row (an orphan; the next start removes it)"));
    }

    private void VerifySpool(VerifyReport report)
    {
        if (!File.Exists(Path.Combine(data.SpoolFolder, "queue.db")))
        {
            report.Checks.Add("spool: empty");
            return;
        }

        var spool = new OutboundSpool(data.SpoolFolder);
        var rowsWithoutFile = Twice(() => spool.Database.Ids().Where(id => !File.Exists(spool.PathOf(id))).Order(StringComparer.Ordinal).ToList());
        var ids = spool.Database.Ids().ToHashSet(StringComparer.Ordinal);
        var filesWithoutRow = spool.Pending().Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(id => !ids.Contains(id)).ToList();
        report.Checks.Add(string.Create(CultureInfo.InvariantCulture, $"spool: {ids.Count} queued messages: each one's file"));
        report.Problems.AddRange(rowsWithoutFile.Select(id => $"spool: queued message {id} has no file {spool.PathOf(id)}"));
        report.Warnings.AddRange(filesWithoutRow.Select(id => $"spool: {spool.PathOf(id)} is not in the queue database (the next start requeues it)"));
    }

    private async Task VerifyDirectoryAsync(VerifyReport report, CancellationToken cancellationToken)
    {
        if (options.Directory.Mode != DirectoryMode.Embedded)
        {
            report.Checks.Add($"directory: external ({options.Directory.Url}), not checked");
            return;
        }

        var scratch = System.IO.Directory.CreateTempSubdirectory("mailappliance-verify-");
        try
        {
            var ldif = Path.Combine(scratch.FullName, "directory.ldif");
            await new EmbeddedDirectory(data.DirectoryFolder, options.Directory).ExportAsync(ldif, cancellationToken).ConfigureAwait(false);
            var entries = File.ReadLines(ldif).Count(line => line.StartsWith("dn:", StringComparison.Ordinal));
            report.Checks.Add(string.Create(CultureInfo.InvariantCulture, $"directory: {entries} entries readable (slapcat of the embedded mdb)"));
        }
        catch (Exception ex) when (ex is Directory.Ldap.DirectoryRequestRejectedException or Directory.Ldap.DirectoryUnavailableException)
        {
            report.Problems.Add($"directory: {ex.Message}");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private void VerifyTls(VerifyReport report)
    {
        var (certificateFile, keyFile) = (data.Resolve(options.Tls.CertificateFile), data.Resolve(options.Tls.KeyFile));
        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            report.Checks.Add($"tls: the certificate for {certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false)} and its key load, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            if (certificate.NotAfter < DateTime.Now)
            {
                report.Warnings.Add($"tls: {certificateFile} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            report.Problems.Add($"tls: {certificateFile} with {keyFile} does not load: {ex.Message}");
        }
    }

    private async Task VerifyDkimAsync(VerifyReport report, CancellationToken cancellationToken)
    {
        var folder = new DkimKeyFolder(data.DkimFolder);
        var domains = System.IO.Directory.Exists(folder.Root) ? System.IO.Directory.GetDirectories(folder.Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
        var keys = 0;
        foreach (var domain in domains)
        {
            try
            {
                foreach (var key in await folder.ReadAsync(domain, cancellationToken).ConfigureAwait(false))
                {
                    keys++;
                    if (key.State != DkimKeyState.Retired && !File.Exists(folder.PrivateKeyFile(domain, key.Selector)))
                    {
                        report.Problems.Add($"dkim: {domain} key {key.Selector} ({key.State}) has no private key file");
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                report.Problems.Add($"dkim: {ex.Message}");
            }
        }

        report.Checks.Add(string.Create(CultureInfo.InvariantCulture, $"dkim: {keys} keys of {domains.Count} domains: each pending or active key's private key file"));
    }

    // A problem seen by two looks in a row is real; one seen once was a delivery or expunge in flight.
    private static List<string> Twice(Func<IReadOnlyList<string>> look)
    {
        var first = look();
        return first.Count == 0 ? [] : [.. look().Intersect(first, StringComparer.Ordinal)];
    }
}
