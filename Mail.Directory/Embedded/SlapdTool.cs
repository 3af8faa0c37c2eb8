using System.Diagnostics;
using Mail.Directory.Ldap;

namespace Mail.Directory.Embedded;

/// <summary>Runs OpenLDAP's offline tools (slapcat, slapadd) on the embedded database with a configuration file of
/// their own, and turns a failure into one sentence with the tool's last words.</summary>
internal static class SlapdTool
{
    public const string Slapcat = "/usr/sbin/slapcat";
    public const string Slapadd = "/usr/sbin/slapadd";

    public static async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(tool))
        {
            throw new DirectoryUnavailableException($"{tool} is missing: install the Debian package slapd");
        }

        var start = new ProcessStartInfo(tool)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DirectoryUnavailableException($"{tool} could not be started");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var said = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            var last = said.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
            throw new DirectoryRequestRejectedException($"{Path.GetFileName(tool)} failed (exit {process.ExitCode}): {last}");
        }
    }
}
