using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Mail.Tests.Fixtures;

/// <summary>A DNS server on 127.0.0.1 (UDP and TCP, one port) that answers from zones the test writes: MX, null MX,
/// A, AAAA, TXT (split into 255-byte strings), CNAME and SRV, NXDOMAIN for names it does not know, SERVFAIL or silence on request.</summary>
internal sealed class FakeDns : IDisposable
{
    private const int Ttl = 60;
    private readonly ConcurrentDictionary<(string Name, RecordType Type), List<DnsRecordBase>> _records = new();
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _silent = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.OrdinalIgnoreCase);
    private readonly DnsServer _server;

    private FakeDns(DnsServer server, int port)
    {
        _server = server;
        Port = port;
    }

    /// <summary>The port (UDP and TCP) on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The value for <c>Mail:Dns:Server</c>.</summary>
    public string Server => $"127.0.0.1:{Port}";

    /// <summary>Starts on a free port (retrying when another process takes the port first).</summary>
    public static FakeDns Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var endpoint = new IPEndPoint(IPAddress.Loopback, port);
            var server = new DnsServer([new UdpServerTransport(endpoint, 2000), new TcpServerTransport(endpoint, 2000, 2000)]);
            var fake = new FakeDns(server, port);
            server.QueryReceived += fake.AnswerAsync;
            try
            {
                server.Start();
                return fake;
            }
            catch (SocketException) when (attempt < 5)
            {
                server.Stop();
            }
        }
    }

    /// <summary>Adds an MX record.</summary>
    public FakeDns Mx(string domain, int preference, string host) =>
        Add(domain, RecordType.Mx, new MxRecord(Name(domain), Ttl, (ushort)preference, Name(host)));

    /// <summary>Publishes RFC 7505's "accepts no mail" (MX 0 .).</summary>
    public FakeDns NullMx(string domain) => Add(domain, RecordType.Mx, new MxRecord(Name(domain), Ttl, 0, DomainName.Root));

    /// <summary>Adds an A or AAAA record, by the address's family.</summary>
    public FakeDns Address(string host, string address)
    {
        var ip = IPAddress.Parse(address);
        return ip.AddressFamily == AddressFamily.InterNetworkV6
            ? Add(host, RecordType.Aaaa, new AaaaRecord(Name(host), Ttl, ip))
            : Add(host, RecordType.A, new ARecord(Name(host), Ttl, ip));
    }

    /// <summary>Adds a TXT record; text over 255 bytes is split into several strings as DNS requires.</summary>
    public FakeDns Txt(string name, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var parts = bytes.Chunk(255).Select(c => System.Text.Encoding.UTF8.GetString(c)).ToArray();
        return Add(name, RecordType.Txt, new TxtRecord(Name(name), Ttl, parts.Length == 0 ? [string.Empty] : parts));
    }

    /// <summary>Adds a CNAME record (answered to CNAME questions only; nothing follows it).</summary>
    public FakeDns Cname(string name, string target) => Add(name, RecordType.CName, new CNameRecord(Name(name), Ttl, Name(target)));

    /// <summary>Adds an SRV record.</summary>
    public FakeDns Srv(string name, int priority, int weight, int port, string target) =>
        Add(name, RecordType.Srv, new SrvRecord(Name(name), Ttl, (ushort)priority, (ushort)weight, (ushort)port, Name(target)));

    /// <summary>Every question about <paramref name="name"/> gets SERVFAIL.</summary>
    public FakeDns Fail(string name)
    {
        _failing[name.TrimEnd('.')] = true;
        return this;
    }

    /// <summary>Questions about <paramref name="name"/> get no answer at all.</summary>
    public FakeDns Silence(string name)
    {
        _silent[name.TrimEnd('.')] = true;
        return this;
    }

    /// <summary>How many questions about <paramref name="name"/> arrived.</summary>
    public int Asked(string name) => _asked.TryGetValue(name.TrimEnd('.'), out var n) ? n : 0;

    public void Dispose()
    {
        try
        {
            _server.Stop();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
        {
            // ARSoft's Stop waits for its listen loops, which end by cancellation when no query is in flight.
        }
    }

    private static DomainName Name(string name) => DomainName.Parse(name.TrimEnd('.'));

    private static string Key(DomainName name) => name.ToString().TrimEnd('.').ToLowerInvariant();

    private FakeDns Add(string name, RecordType type, DnsRecordBase record)
    {
        _records.GetOrAdd((name.TrimEnd('.').ToLowerInvariant(), type), _ => []).Add(record);
        return this;
    }

    private Task AnswerAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query || query.Questions.Count != 1)
        {
            return Task.CompletedTask;
        }

        var question = query.Questions[0];
        var name = Key(question.Name);
        _asked.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (_silent.ContainsKey(name))
        {
            return Task.CompletedTask;
        }

        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        if (_failing.ContainsKey(name))
        {
            response.ReturnCode = ReturnCode.ServerFailure;
        }
        else if (_records.TryGetValue((name, question.RecordType), out var records))
        {
            lock (records)
            {
                response.AnswerRecords.AddRange(records);
            }
        }
        else if (!_records.Keys.Any(k => k.Name == name))
        {
            response.ReturnCode = ReturnCode.NxDomain;
        }

        e.Response = response;
        return Task.CompletedTask;
    }
}
