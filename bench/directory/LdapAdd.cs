using System.Diagnostics;
using System.Globalization;

namespace DirectoryBench;

/// <summary>Runs ldap-utils' ldapadd against the sandbox slapd as the appliance's admin identity.</summary>
internal static class LdapAdd
{
    public static async Task RunAsync(SlapdSandbox sandbox, string bindDn, string ldifPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ldapadd")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-x", "-H", "ldap://127.0.0.1:" + sandbox.Options.Port.ToString(CultureInfo.InvariantCulture),
            "-D", bindDn, "-y", sandbox.SecretFile, "-f", ldifPath,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ldapadd could not be started");

        // Both pipes are drained concurrently: ldapadd prints a line per entry and would block on a full pipe.
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ldapadd exited with {process.ExitCode}: {(await errors).Trim()}");
        }
    }
}
