using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace ImapBench;

/// <summary>
/// Makes a .NET process run a full blocking garbage collection from outside, the way <c>dotnet-gcdump</c> does: an
/// EventPipe session over the runtime's diagnostics socket that enables the runtime provider's GCHeapCollect keyword
/// (the runtime answers that keyword by forcing a GC), stopped right away. Without it, our server's RSS right after
/// thousands of logins still holds their garbage, and the memory per idle session would measure the GC's timing, not
/// the sessions. Diagnostic IPC protocol: dotnet/diagnostics documentation/design-docs/ipc-protocol.md.
/// </summary>
internal static class InducedCollection
{
    private const byte EventPipeCommandSet = 0x02;
    private const byte StopTracing = 0x01;
    private const byte CollectTracing2 = 0x03;
    private const byte ServerCommandSet = 0xFF;
    private const byte ResponseOk = 0x00;

    /// <summary>GC (0x1) | GCHeapCollect (0x800000).</summary>
    private const ulong Keywords = 0x800001;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0");

    /// <summary>Runs the collection; false (and why) when the process has no diagnostics socket or refused.</summary>
    public static async Task<(bool Done, string Why)> RunAsync(int pid, CancellationToken cancellationToken)
    {
        var socketPath = Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket").FirstOrDefault();
        if (socketPath is null)
        {
            return (false, $"no diagnostics socket for pid {pid} in {Path.GetTempPath()}");
        }

        using var session = await ConnectAsync(socketPath, cancellationToken);
        await session.SendAsync(Message(CollectTracing2, CollectPayload()), SocketFlags.None, cancellationToken);
        var (ok, payload) = await ReadResponseAsync(session, 8, cancellationToken);
        if (!ok)
        {
            return (false, $"CollectTracing2 refused (0x{BinaryPrimitives.ReadUInt32LittleEndian(payload):X8})");
        }

        var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(payload);

        // The runtime now streams the trace on this connection; read it away so its writer never blocks.
        var drain = Task.Run(async () =>
        {
            var sink = new byte[64 * 1024];
            try
            {
                while (await session.ReceiveAsync(sink, SocketFlags.None, cancellationToken) > 0)
                {
                }
            }
            catch (SocketException)
            {
            }
        }, cancellationToken);

        using (var stop = await ConnectAsync(socketPath, cancellationToken))
        {
            var id = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(id, sessionId);
            await stop.SendAsync(Message(StopTracing, id), SocketFlags.None, cancellationToken);
            await ReadResponseAsync(stop, 8, cancellationToken);
        }

        await drain.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return (true, "");
    }

    private static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        return socket;
    }

    /// <summary>circularBufferMB, format (1 = nettrace), requestRundown, providers: [keywords, level, name, filter].</summary>
    private static byte[] CollectPayload()
    {
        var payload = new List<byte>();
        void U32(uint v)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            payload.AddRange(b);
        }

        U32(1);
        U32(1);
        payload.Add(0);
        U32(1);
        var keywords = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(keywords, Keywords);
        payload.AddRange(keywords);
        U32(4);
        const string provider = "Microsoft-Windows-DotNETRuntime";
        U32((uint)provider.Length + 1);
        payload.AddRange(Encoding.Unicode.GetBytes(provider + "\0"));
        U32(0);
        return [.. payload];
    }

    private static byte[] Message(byte command, byte[] payload)
    {
        var message = new byte[20 + payload.Length];
        Magic.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(14), (ushort)message.Length);
        message[16] = EventPipeCommandSet;
        message[17] = command;
        payload.CopyTo(message, 20);
        return message;
    }

    /// <summary>Reads the 20-octet header and a payload of <paramref name="okLength"/> (OK) or 4 octets (error).</summary>
    private static async Task<(bool Ok, byte[] Payload)> ReadResponseAsync(Socket socket, int okLength, CancellationToken cancellationToken)
    {
        var header = await ReadExactlyAsync(socket, 20, cancellationToken);
        var ok = header[16] == ServerCommandSet && header[17] == ResponseOk;
        return (ok, await ReadExactlyAsync(socket, ok ? okLength : 4, cancellationToken));
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new IOException("the diagnostics socket closed");
            }

            read += n;
        }

        return buffer;
    }
}
