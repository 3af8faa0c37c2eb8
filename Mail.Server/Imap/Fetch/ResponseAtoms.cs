using System.Buffers;
using System.Buffers.Text;

namespace Mail.Server.Imap.Fetch;

/// <summary>The atoms FETCH responses are built from besides strings: NIL, numbers, spaces, parentheses.</summary>
internal static class ResponseAtoms
{
    /// <summary>Writes NIL.</summary>
    public static void Nil(IBufferWriter<byte> output) => output.Write("NIL"u8);

    /// <summary>Writes one space.</summary>
    public static void Space(IBufferWriter<byte> output) => output.Write(" "u8);

    /// <summary>Writes "(".</summary>
    public static void Open(IBufferWriter<byte> output) => output.Write("("u8);

    /// <summary>Writes ")".</summary>
    public static void Close(IBufferWriter<byte> output) => output.Write(")"u8);

    /// <summary>Writes a number in decimal.</summary>
    public static void Number(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }
}
