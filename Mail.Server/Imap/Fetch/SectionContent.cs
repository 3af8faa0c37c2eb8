using System.Buffers;

namespace Mail.Server.Imap.Fetch;

/// <summary>The octets of one FETCH section, ready to go out as a literal: <see cref="Length"/> is known before any
/// octet is read, and <see cref="Content"/> yields exactly that many.</summary>
/// <remarks>Three shapes behind one surface: a range of the message file (read from the file as it is sent, any size),
/// a pooled buffer (filtered header fields, small decoded parts; <see cref="IsBuffered"/>, <see cref="Memory"/>), or a
/// decoder over the file (large BINARY). Dispose it after sending: it returns the buffer to the pool. A file range
/// reads through the message stream the <see cref="SectionReader"/> was given, which must stay open until then.
/// </remarks>
internal sealed class SectionContent : IDisposable
{
    private byte[]? _rented;

    private SectionContent(Stream content, long length, byte[]? rented, ReadOnlyMemory<byte> memory)
    {
        Content = content;
        Length = length;
        _rented = rented;
        Memory = memory;
        IsBuffered = rented is not null || length == 0;
    }

    /// <summary>An empty section (a part that does not exist, a partial range past the end).</summary>
    public static SectionContent Empty => new(Stream.Null, 0, null, ReadOnlyMemory<byte>.Empty);

    /// <summary>The number of octets: the literal's length.</summary>
    public long Length { get; }

    /// <summary>The octets, from the start.</summary>
    public Stream Content { get; }

    /// <summary>True when the octets are in memory (<see cref="Memory"/>), so the session may write them straight into
    /// its output buffer instead of copying <see cref="Content"/>.</summary>
    public bool IsBuffered { get; }

    /// <summary>The octets when <see cref="IsBuffered"/>; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    /// <summary>A range of the message stream.</summary>
    public static SectionContent FromMessage(Stream message, long start, long length) =>
        length == 0 ? Empty : new(new MessageSlice(message, start, length), length, null, ReadOnlyMemory<byte>.Empty);

    /// <summary>Octets in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, which the content now owns.</summary>
    public static SectionContent FromRented(byte[] rented, int start, int length) =>
        new(new MemoryStream(rented, start, length, writable: false), length, rented, rented.AsMemory(start, length));

    /// <summary>A stream that yields exactly <paramref name="length"/> octets, which the content now owns.</summary>
    public static SectionContent FromStream(Stream content, long length) => new(content, length, null, ReadOnlyMemory<byte>.Empty);

    /// <inheritdoc/>
    public void Dispose()
    {
        Content.Dispose();
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
