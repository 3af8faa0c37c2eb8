using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Mail.Tests.Pop3;

/// <summary>A raw POP3 conversation over a real socket (plain, STLS or implicit TLS), for checking exact reply lines
/// and exact bytes.</summary>
internal sealed class Pop3Dialog : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly string _thumbprint;
    private Stream _stream = null!;
    private int _start;
    private int _end;

    private Pop3Dialog(string thumbprint) => _thumbprint = thumbprint;

    /// <summary>The server's greeting.</summary>
    public string Greeting { get; private set; } = string.Empty;

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>, with TLS at once when <paramref name="implicitTls"/>, and reads
    /// the greeting. TLS trusts exactly the certificate with <paramref name="thumbprint"/>.</summary>
    public static async Task<Pop3Dialog> ConnectAsync(int port, string thumbprint, bool implicitTls = false)
    {
        var dialog = new Pop3Dialog(thumbprint);
        await dialog._client.ConnectAsync("127.0.0.1", port);
        dialog._stream = dialog._client.GetStream();
        if (implicitTls)
        {
            dialog._stream = await dialog.TlsAsync(dialog._stream);
        }

        dialog.Greeting = await dialog.ReadLineAsync() ?? string.Empty;
        return dialog;
    }

    /// <summary>Sends STLS, checks the +OK and starts TLS.</summary>
    public async Task StartTlsAsync()
    {
        var reply = await CommandAsync("STLS");
        Assert.That(reply, Does.StartWith("+OK"));
        Assert.That(_end - _start, Is.Zero, "nothing after the STLS reply in plaintext");
        _stream = await TlsAsync(_stream);
    }

    /// <summary>Starts TLS after the caller sent STLS itself and read its +OK.</summary>
    public async Task StartTlsWithoutCommandAsync() => _stream = await TlsAsync(_stream);

    /// <summary>Sends one command line and reads the one-line reply.</summary>
    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadLineAsync() ?? string.Empty;
    }

    /// <summary>Sends a command whose +OK reply is multi-line; returns the first line and the (still dot-stuffed) lines
    /// before the terminating ".".</summary>
    public async Task<(string First, List<string> Lines)> MultiLineAsync(string line)
    {
        var first = await CommandAsync(line);
        var lines = new List<string>();
        if (first.StartsWith("+OK", StringComparison.Ordinal))
        {
            while (await ReadLineAsync() is { } next && next != ".")
            {
                lines.Add(next);
            }
        }

        return (first, lines);
    }

    /// <summary>Sends a RETR or TOP and returns the first line and the message bytes exactly as the client gets them
    /// once the dot-stuffing is undone (RFC 1939 section 3).</summary>
    public async Task<(string First, byte[] Message)> RetrieveAsync(string line)
    {
        var first = await CommandAsync(line);
        using var message = new MemoryStream();
        if (first.StartsWith("+OK", StringComparison.Ordinal))
        {
            while (await ReadRawLineAsync() is { } raw && !raw.AsSpan().SequenceEqual(".\r\n"u8))
            {
                var start = raw.Length > 0 && raw[0] == (byte)'.' ? 1 : 0;
                message.Write(raw, start, raw.Length - start);
            }
        }

        return (first, message.ToArray());
    }

    /// <summary>Sends raw text (the caller writes the CRLFs).</summary>
    public async Task SendAsync(string raw) => await SendAsync(Encoding.UTF8.GetBytes(raw));

    /// <summary>Sends raw bytes.</summary>
    public async Task SendAsync(byte[] raw)
    {
        await _stream.WriteAsync(raw);
        await _stream.FlushAsync();
    }

    /// <summary>Reads one reply line without its CRLF; null once the server closed the connection (or reset it).</summary>
    public async Task<string?> ReadLineAsync() =>
        await ReadRawLineAsync() is { } raw ? Encoding.UTF8.GetString(raw).TrimEnd('\r', '\n') : null;

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<Stream> TlsAsync(Stream inner)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, presented, _, _) => presented?.GetCertHashString() == _thumbprint);
        await ssl.AuthenticateAsClientAsync("mail.test.edu.vn");
        return ssl;
    }

    private async Task<byte[]?> ReadRawLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var line = new MemoryStream();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                try
                {
                    _end = await _stream.ReadAsync(_buffer, timeout.Token);
                }
                catch (IOException)
                {
                    // A reset after the server closed is a close too.
                    _end = 0;
                }

                if (_end == 0)
                {
                    return line.Length > 0 ? line.ToArray() : null;
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline + 1;
            line.Write(_buffer, _start, stop - _start);
            _start = stop;
            if (newline >= 0)
            {
                return line.ToArray();
            }
        }
    }
}
