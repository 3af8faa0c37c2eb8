using System.Diagnostics.CodeAnalysis;

namespace Mail.Server.Imap.Fetch;

/// <summary>A FETCH partial range "&lt;offset.count&gt;" (RFC 9051 6.4.5): at most <see cref="Count"/> octets from
/// <see cref="Offset"/>; the response names only the offset ("BODY[]&lt;offset&gt;").</summary>
internal readonly record struct FetchPartial(long Offset, long Count)
{
    private const int MaxDigits = 19;

    /// <summary>Parses "&lt;offset.count&gt;" (number64 "." nz-number64, RFC 9051 9); false with a message for the
    /// client otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out FetchPartial partial, [NotNullWhen(false)] out string? error)
    {
        partial = default;
        error = "invalid partial range; expected <offset.count>";
        if (text.Length < 5 || text[0] != (byte)'<' || text[^1] != (byte)'>')
        {
            return false;
        }

        var inner = text[1..^1];
        var dot = inner.IndexOf((byte)'.');
        if (dot < 0 || !TryNumber(inner[..dot], out var offset) || !TryNumber(inner[(dot + 1)..], out var count))
        {
            return false;
        }

        if (count == 0)
        {
            error = "the count of a partial range must not be 0";
            return false;
        }

        partial = new FetchPartial(offset, count);
        error = null;
        return true;
    }

    /// <summary>The octets of a section of <paramref name="length"/> octets this range selects: an empty range when
    /// the offset is past the end (RFC 9051: "an empty string is returned").</summary>
    public (long Skip, long Take) Apply(long length)
    {
        var skip = Math.Min(Offset, length);
        return (skip, Math.Min(Count, length - skip));
    }

    private static bool TryNumber(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > MaxDigits)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            var units = digit - (byte)'0';
            if (value > (long.MaxValue - units) / 10)
            {
                return false;
            }

            value = (value * 10) + units;
        }

        return true;
    }
}
