using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImapBench;

/// <summary>
/// A deliberately small IMAP client over a raw socket: it sends one command at a time and reads the responses
/// up to the tagged completion, counting what the benchmark checks (FETCH responses, literal octets, EXISTS)
/// without building strings for them. Both servers are driven by exactly this code, so its cost is the same
/// for both; it is kept cheap because it shares the machine's cores with the server being measured.
/// </summary>
internal sealed class ImapClient : IAsyncDisposable
{
    /// <summary>Receive buffer of a working session; it grows to the longest line (literals are skipped, not buffered).</summary>
    public const int WorkingBuffer = 64 * 1024;

    /// <summary>Receive buffer of an idle session: thousands of them are open at once in this process.</summary>
    public const int IdleBuffer = 2 * 1024;

    /// <summary>A line longer than this (not counting literals) is a protocol error, not something to buffer.</summary>
    private const int MaxLine = 8 * 1024 * 1024;

    private readonly Socket socket;
    private byte[] buffer;
    private int start;
    private int end;
    private int nextTag;

    private ImapClient(Socket socket, int bufferSize)
    {
        this.socket = socket;
        buffer = new byte[bufferSize];
    }

    /// <summary>The command awaiting its tagged answer, for reporting one that never came.</summary>
    public string? Pending { get; private set; }

    /// <summary>The greeting line, as received.</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>Connects and reads the greeting; a greeting other than <c>* OK</c> is an <see cref="ImapBenchException"/>.</summary>
    public static async Task<ImapClient> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken, int bufferSize = WorkingBuffer)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new ImapClient(socket, bufferSize);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            var greeting = await client.ReadUntilAsync(null, keepLines: true, cancellationToken);
            client.Greeting = greeting.Text;
            if (!greeting.Text.StartsWith("* OK", StringComparison.Ordinal))
            {
                throw new ImapBenchException($"greeting: {greeting.Text}");
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects, logs in with LOGIN (quoted strings) and, when <paramref name="select"/> is set, selects INBOX.</summary>
    public static async Task<ImapClient> OpenAsync(ServerTarget target, bool select, CancellationToken cancellationToken, int bufferSize = WorkingBuffer)
    {
        var client = await ConnectAsync(target.Endpoint, cancellationToken, bufferSize);
        try
        {
            (await client.CommandAsync(LoginCommand(target), cancellationToken: cancellationToken)).EnsureOk("LOGIN");
            if (select)
            {
                (await client.CommandAsync("SELECT INBOX", cancellationToken: cancellationToken)).EnsureOk("SELECT INBOX");
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The LOGIN command for the target's account (quoted strings; the bench passwords need no escaping).</summary>
    public static string LoginCommand(ServerTarget target) => $"LOGIN \"{target.User}\" \"{target.Password}\"";

    /// <summary>
    /// Sends <c>TAG command</c> (followed, when <paramref name="literal"/> is not empty, by a LITERAL+ non-synchronizing
    /// literal <c>{n+}</c>, the octets and the final CRLF) and reads every response up to the tagged completion.
    /// </summary>
    public async Task<ImapReply> CommandAsync(
        string command, ReadOnlyMemory<byte> literal = default, bool keepLines = false, CancellationToken cancellationToken = default)
    {
        var tag = "A" + (++nextTag).ToString(CultureInfo.InvariantCulture);
        var head = literal.IsEmpty
            ? $"{tag} {command}\r\n"
            : $"{tag} {command} {{{literal.Length.ToString(CultureInfo.InvariantCulture)}+}}\r\n";
        var headLength = Encoding.UTF8.GetByteCount(head);
        var total = headLength + (literal.IsEmpty ? 0 : literal.Length + 2);
        var send = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            Encoding.UTF8.GetBytes(head, send);
            if (!literal.IsEmpty)
            {
                literal.Span.CopyTo(send.AsSpan(headLength));
                send[total - 2] = (byte)'\r';
                send[total - 1] = (byte)'\n';
            }

            await SendAllAsync(send.AsMemory(0, total), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(send);
        }

        Pending = command;
        var reply = await ReadUntilAsync(tag, keepLines, cancellationToken);
        Pending = null;
        reply.Command = command;
        return reply;
    }

    /// <summary>Sends IDLE and waits for the server's continuation (<c>+ idling</c>); the session then stays idle.</summary>
    public async Task StartIdleAsync(CancellationToken cancellationToken)
    {
        var tag = "A" + (++nextTag).ToString(CultureInfo.InvariantCulture);
        await SendAllAsync(Encoding.ASCII.GetBytes($"{tag} IDLE\r\n"), cancellationToken);
        Pending = "IDLE";
        var reply = await ReadUntilAsync(tag, keepLines: true, cancellationToken, stopAtContinuation: true);
        Pending = null;
        if (!reply.Continued)
        {
            throw new ImapBenchException($"IDLE: {reply.Text}");
        }
    }

    /// <summary>Sends LOGOUT and reads its completion (the server's BYE comes first).</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken) =>
        (await CommandAsync("LOGOUT", cancellationToken: cancellationToken)).EnsureOk("LOGOUT");

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    /// <summary>
    /// Reads responses until the line tagged <paramref name="tag"/> (or, with a null tag, one line: the greeting).
    /// A line ending in <c>{n}</c> is followed by n literal octets, which are counted and skipped, then by the rest
    /// of the same response.
    /// </summary>
    private async Task<ImapReply> ReadUntilAsync(string? tag, bool keepLines, CancellationToken cancellationToken, bool stopAtContinuation = false)
    {
        var reply = new ImapReply();
        var tagBytes = tag is null ? [] : Encoding.ASCII.GetBytes(tag + " ");
        var continuing = false;
        StringBuilder? current = null;
        while (true)
        {
            var lineEnd = await FindLineEndAsync(cancellationToken);
            var line = buffer.AsSpan(start, lineEnd - start);
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            var literal = LiteralLength(line);
            if (!continuing)
            {
                if (tag is null)
                {
                    reply.Text = Encoding.UTF8.GetString(line);
                    start = lineEnd + 1;
                    return reply;
                }

                if (line.StartsWith(tagBytes))
                {
                    reply.Text = Encoding.UTF8.GetString(line);
                    reply.Status = Word(line[tagBytes.Length..]);
                    start = lineEnd + 1;
                    return reply;
                }

                if (line.Length > 0 && line[0] == (byte)'+')
                {
                    reply.Continued = true;
                    if (stopAtContinuation)
                    {
                        reply.Text = Encoding.UTF8.GetString(line);
                        start = lineEnd + 1;
                        return reply;
                    }
                }
                else
                {
                    Classify(line, reply);
                }
            }

            if (keepLines)
            {
                current ??= new StringBuilder();
                current.Append(Encoding.UTF8.GetString(line));
            }

            start = lineEnd + 1;
            if (literal >= 0)
            {
                reply.LiteralOctets += literal;
                await SkipAsync(literal, cancellationToken);
                continuing = true;
            }
            else
            {
                continuing = false;
                if (current is not null)
                {
                    reply.Lines.Add(current.ToString());
                    current = null;
                }
            }
        }
    }

    /// <summary>Counts <c>* n FETCH</c> and remembers <c>* n EXISTS</c>; other untagged responses pass by.</summary>
    private static void Classify(ReadOnlySpan<byte> line, ImapReply reply)
    {
        if (line.Length < 4 || line[0] != (byte)'*' || line[1] != (byte)' ')
        {
            return;
        }

        var rest = line[2..];
        var digits = 0;
        while (digits < rest.Length && rest[digits] >= (byte)'0' && rest[digits] <= (byte)'9')
        {
            digits++;
        }

        if (digits == 0 || digits == rest.Length || rest[digits] != (byte)' ')
        {
            if (rest.StartsWith("BYE"u8))
            {
                reply.Bye = true;
            }

            return;
        }

        var word = rest[(digits + 1)..];
        if (word.StartsWith("FETCH"u8))
        {
            reply.Fetches++;
        }
        else if (word.StartsWith("EXISTS"u8))
        {
            reply.Exists = int.Parse(rest[..digits], CultureInfo.InvariantCulture);
        }
    }

    private static string Word(ReadOnlySpan<byte> text)
    {
        var space = text.IndexOf((byte)' ');
        return Encoding.ASCII.GetString(space < 0 ? text : text[..space]);
    }

    /// <summary>n when the line ends with <c>{n}</c> (or <c>{n+}</c>), else -1.</summary>
    private static long LiteralLength(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || line[^1] != (byte)'}')
        {
            return -1;
        }

        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return -1;
        }

        var inner = line[(open + 1)..^1];
        if (inner.Length > 0 && inner[^1] == (byte)'+')
        {
            inner = inner[..^1];
        }

        return long.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    /// <summary>Index of the next LF at or after <see cref="start"/>, reading more when the buffer has none.</summary>
    private async ValueTask<int> FindLineEndAsync(CancellationToken cancellationToken)
    {
        var searched = start;
        while (true)
        {
            var found = buffer.AsSpan(searched, end - searched).IndexOf((byte)'\n');
            if (found >= 0)
            {
                return searched + found;
            }

            var offset = end - start;
            if (offset > MaxLine)
            {
                throw new ImapBenchException($"a response line longer than {MaxLine} octets");
            }

            await FillAsync(cancellationToken);
            searched = start + offset;
        }
    }

    private async ValueTask SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (start == end)
            {
                await FillAsync(cancellationToken);
            }

            var take = (int)Math.Min(count, end - start);
            start += take;
            count -= take;
        }
    }

    /// <summary>Moves unread octets to the front (growing the buffer when it is full of them) and receives more.</summary>
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var received = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, cancellationToken);
        if (received == 0)
        {
            throw new ImapBenchException("the server closed the connection");
        }

        end += received;
    }
}
