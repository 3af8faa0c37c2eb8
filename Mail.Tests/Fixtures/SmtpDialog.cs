using System.Net.Sockets;
using System.Text;

namespace Mail.Tests.Fixtures;

/// <summary>A raw SMTP conversation over a real socket, for checking exact reply lines.</summary>
internal sealed class SmtpDialog : IDisposable
{
    private readonly TcpClient _client = new();
    private StreamReader _reader = null!;
    private Stream _stream = null!;

    public static async Task<(SmtpDialog Dialog, string Banner)> ConnectAsync(int port)
    {
        var dialog = new SmtpDialog();
        await dialog._client.ConnectAsync("127.0.0.1", port);
        dialog._stream = dialog._client.GetStream();
        dialog._reader = new StreamReader(dialog._stream, Encoding.UTF8);
        return (dialog, await dialog.ReadReplyAsync());
    }

    /// <summary>Sends raw bytes (the caller writes the CRLFs) and reads one reply.</summary>
    public async Task<string> SendAsync(string raw)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(raw));
        return await ReadReplyAsync();
    }

    public Task<string> CommandAsync(string line) => SendAsync(line + "\r\n");

    /// <summary>Reads one reply; multi-line replies are joined with newlines.</summary>
    public async Task<string> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                break;
            }
        }

        return string.Join('\n', lines);
    }

    public void Dispose() => _client.Dispose();
}
