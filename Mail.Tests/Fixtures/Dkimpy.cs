using System.Diagnostics;
using System.Text.Json;
using Mail.Server.Dkim;

namespace Mail.Tests.Fixtures;

/// <summary>The independent DKIM verifier: dkimpy (Debian python3-dkim) run as a child process, given the public
/// keys as the TXT records DNS would serve.</summary>
internal static class Dkimpy
{
    // Debian's python3-dkim is in the system interpreter, not in whatever python3 comes first on PATH.
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, json, dkim
        records = json.loads(sys.argv[1])
        def dnsfunc(name, timeout=5):
            name = name.decode() if isinstance(name, bytes) else name
            text = records.get(name.rstrip('.').lower())
            return text.encode() if text is not None else None
        message = sys.stdin.buffer.read()
        verifier = dkim.DKIM(message)
        count = sum(1 for name, _ in verifier.headers if name.lower() == b'dkim-signature')
        results = []
        for i in range(count):
            try:
                results.append(bool(verifier.verify(idx=i, dnsfunc=dnsfunc)))
            except dkim.DKIMException:
                results.append(False)
        print(json.dumps(results))
        """;

    /// <summary>The TXT records of <paramref name="domain"/>'s keys, by owner name without the final dot.</summary>
    public static async Task<Dictionary<string, string>> RecordsAsync(DkimKeyFolder folder, string domain) =>
        (await folder.ReadAsync(domain, CancellationToken.None)).ToDictionary(k => DkimDnsRecord.Name(domain, k).TrimEnd('.'), DkimDnsRecord.Text);

    /// <summary>Verifies every DKIM-Signature of <paramref name="message"/>, top first; true where it verifies.</summary>
    public static async Task<bool[]> VerifyAsync(byte[] message, IReadOnlyDictionary<string, string> records)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(JsonSerializer.Serialize(records));
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.StandardInput.BaseStream.WriteAsync(message);
        python.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await python.WaitForExitAsync(timeout.Token);
        Assert.That(python.ExitCode, Is.Zero, "dkimpy failed: " + await errors);
        return JsonSerializer.Deserialize<bool[]>(await output)!;
    }
}
