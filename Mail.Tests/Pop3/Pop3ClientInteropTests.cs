using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Mail.Tests.Pop3;

/// <summary>Real POP3 clients other than MailKit against the server: curl and Python's poplib.</summary>
internal sealed class Pop3ClientInteropTests : Pop3TestBase
{
    [Test]
    public async Task Curl_OverStls_RetrievesTheStoredMessage()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        var (exit, output, errors) = await RunAsync("curl", "-s", "-S", "--ssl-reqd", "--insecure", $"pop3://127.0.0.1:{PlainPort}/1", "-u", $"{A("annv")}:{GoodPassword}");
        Assert.That(exit, Is.Zero, errors);
        Assert.That(output, Is.EqualTo(await StoredBytesAsync(1)));
    }

    [Test]
    public async Task Curl_OverImplicitTls_ListsAndRetrieves()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await DeliverAsync(VietnameseMessage, A("annv"));
        var credentials = $"{A("annv")}:{GoodPassword}";
        var list = await RunAsync("curl", "-s", "-S", "--insecure", $"pop3s://127.0.0.1:{TlsPort}/", "-u", credentials);
        Assert.That(list.Exit, Is.Zero, list.Errors);
        Assert.That(Encoding.ASCII.GetString(list.Output), Is.EqualTo($"1 {(await StoredBytesAsync(1)).Length}\r\n2 {(await StoredBytesAsync(2)).Length}\r\n"));

        var second = await RunAsync("curl", "-s", "-S", "--insecure", $"pop3s://127.0.0.1:{TlsPort}/2", "-u", credentials);
        Assert.That(second.Exit, Is.Zero, second.Errors);
        Assert.That(second.Output, Is.EqualTo(await StoredBytesAsync(2)));

        var wrong = await RunAsync("curl", "-s", "-S", "--insecure", $"pop3s://127.0.0.1:{TlsPort}/1", "-u", $"{A("annv")}:Wrong-pass-77");
        Assert.That(wrong.Exit, Is.EqualTo(67), "curl's 'login denied'");
    }

    [Test]
    public async Task PythonPoplib_OverImplicitTlsAndStls_ListsRetrievesAndDeletes()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        await DeliverAsync(Simple("hai"), A("annv"));
        var (first, second) = (await StoredBytesAsync(1), await StoredBytesAsync(2));
        const string Script = """
            import base64, json, poplib, ssl, sys
            port, stls_port, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
            context = ssl._create_unverified_context()
            pop = poplib.POP3_SSL('127.0.0.1', port, context=context, timeout=30)
            result = {'welcome': pop.getwelcome().decode()}
            result['capa'] = sorted(pop.capa().keys())
            pop.user(user)
            pop.pass_(password)
            result['stat'] = list(pop.stat())
            result['list'] = [line.decode() for line in pop.list()[1]]
            result['uidl'] = [line.decode() for line in pop.uidl()[1]]
            result['retr'] = base64.b64encode(b''.join(line + b'\r\n' for line in pop.retr(1)[1])).decode()
            result['top'] = [line.decode() for line in pop.top(2, 0)[1]]
            pop.dele(2)
            result['quit'] = pop.quit().decode()
            plain = poplib.POP3('127.0.0.1', stls_port, timeout=30)
            plain.stls(context)
            plain.user(user)
            plain.pass_(password)
            result['stat_after'] = list(plain.stat())
            plain.quit()
            print(json.dumps(result))
            """;
        var (exit, output, errors) = await RunAsync("/usr/bin/python3", "-c", Script, TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PlainPort.ToString(System.Globalization.CultureInfo.InvariantCulture), A("annv"), GoodPassword);
        Assert.That(exit, Is.Zero, errors);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;

        Assert.That(root.GetProperty("welcome").GetString(), Is.EqualTo("+OK mail.test.edu.vn POP3 ready"));
        Assert.That(root.GetProperty("capa").EnumerateArray().Select(e => e.GetString()), Does.Contain("UIDL").And.Contain("TOP").And.Contain("USER"));
        Assert.That(root.GetProperty("stat").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new long[] { 2, first.Length + second.Length }));
        Assert.That(root.GetProperty("list").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { $"1 {first.Length}", $"2 {second.Length}" }));
        Assert.That(root.GetProperty("uidl").EnumerateArray().Count(), Is.EqualTo(2));
        Assert.That(Convert.FromBase64String(root.GetProperty("retr").GetString()!), Is.EqualTo(first));
        Assert.That(root.GetProperty("top").EnumerateArray().Select(e => e.GetString()), Does.Contain("Subject: hai").And.Not.Contain("Nội dung hai."));
        Assert.That(root.GetProperty("quit").GetString(), Does.StartWith("+OK"));
        Assert.That(root.GetProperty("stat_after").EnumerateArray().First().GetInt32(), Is.EqualTo(1));
        Assert.That(Store.Index.Uids(Inbox().Id), Has.Count.EqualTo(1));
    }

    private static async Task<(int Exit, byte[] Output, string Errors)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return (process.ExitCode, output.ToArray(), await errors);
    }
}
