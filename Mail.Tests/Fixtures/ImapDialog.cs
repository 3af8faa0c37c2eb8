using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Mail.Tests.Fixtures;

/// <summary>A raw IMAP conversation over a real socket (optionally TLS), for checking exact responses.</summary>
internal sealed class ImapDialog : IDisposable
{
    private readonly TcpClient _client = new();
    private Stream _stream = null!;
    private StreamReader _reader = null!;
    private int _tag;

    /// <summary>The greeting line.</summary>
    public string Greeting { get; private set; } = string.Empty;

    /// <summary>Connects; with <paramref name="pinned"/> the connection is TLS from the start (port 993 style).</summary>
    public static async Task<ImapDialog> ConnectAsync(int port, System.Security.Cryptography.X509Certificates.X509Certificate2? pinned = null)
    {
        var dialog = new ImapDialog();
        await dialog._client.ConnectAsync("127.0.0.1", port);
        dialog._stream = dialog._client.GetStream();
        if (pinned is not null)
        {
            var ssl = new SslStream(dialog._stream, false, TestCertificate.Pin(pinned));
            await ssl.AuthenticateAsClientAsync("mail.test.edu.vn");
            dialog._stream = ssl;
        }

        dialog._reader = new StreamReader(dialog._stream, Encoding.UTF8);
        dialog.Greeting = await dialog.ReadLineAsync() ?? string.Empty;
        return dialog;
    }

    /// <summary>Sends "tag command" and returns every line up to and including the tagged one.</summary>
    public async Task<List<string>> CommandAsync(string command)
    {
        var tag = $"a{++_tag}";
        await SendRawAsync($"{tag} {command}\r\n");
        return await ReadUntilTaggedAsync(tag);
    }

    /// <summary>The tagged line of a command.</summary>
    public async Task<string> TaggedAsync(string command) => (await CommandAsync(command))[^1];

    public async Task SendRawAsync(string raw)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(raw));
        await _stream.FlushAsync();
    }

    public async Task SendRawAsync(byte[] raw)
    {
        await _stream.WriteAsync(raw);
        await _stream.FlushAsync();
    }

    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _reader.ReadLineAsync(timeout.Token);
    }

    public async Task<List<string>> ReadUntilTaggedAsync(string tag)
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                break;
            }
        }

        return lines;
    }

    /// <summary>The tag the next <see cref="CommandAsync"/> will use.</summary>
    public string NextTag => $"a{_tag + 1}";

    /// <summary>Consumes a tag for a command sent with <see cref="SendRawAsync(string)"/>.</summary>
    public string TakeTag() => $"a{++_tag}";

    public void Dispose() => _client.Dispose();
}
