using System.Buffers;
using System.Text;
using Mail.Server.Pop3.Protocol;

namespace Mail.Tests.Pop3;

/// <summary>The multi-line encoding of RETR and TOP, fed in chunks of every size.</summary>
internal sealed class DotStuffingWriterTests
{
    private const string Message = ".first\r\nSubject: x\r\n\r\n.\r\n..two\r\nplain\r\n.last";

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(4096)]
    public void EveryLineStartingWithADot_GetsOneMore_WhateverTheChunks(int chunk)
    {
        Assert.That(Encode(Message, null, chunk), Is.EqualTo("..first\r\nSubject: x\r\n\r\n..\r\n...two\r\nplain\r\n..last\r\n.\r\n"),
            "a message without a final line ending gets one before the terminator");
    }

    [TestCase(0, "..first\r\nSubject: x\r\n\r\n.\r\n")]
    [TestCase(1, "..first\r\nSubject: x\r\n\r\n..\r\n.\r\n")]
    [TestCase(2, "..first\r\nSubject: x\r\n\r\n..\r\n...two\r\n.\r\n")]
    [TestCase(99, "..first\r\nSubject: x\r\n\r\n..\r\n...two\r\nplain\r\n..last\r\n.\r\n")]
    public void Top_StopsAfterTheHeaderAndNBodyLines(int lines, string expected)
    {
        foreach (var chunk in new[] { 1, 5, 4096 })
        {
            Assert.That(Encode(Message, lines, chunk), Is.EqualTo(expected), $"chunks of {chunk}");
        }
    }

    [Test]
    public void AMessageWithoutABody_IsAllHeaderForTop() =>
        Assert.That(Encode("Subject: x\r\nFrom: y\r\n", 0, 3), Is.EqualTo("Subject: x\r\nFrom: y\r\n.\r\n"));

    [Test]
    public void AnEmptyMessage_IsJustTheTerminator() => Assert.That(Encode(string.Empty, null, 1), Is.EqualTo(".\r\n"));

    private static string Encode(string message, int? bodyLines, int chunk)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new DotStuffingWriter(output, bodyLines);
        var bytes = Encoding.UTF8.GetBytes(message);
        for (var i = 0; i < bytes.Length && !writer.IsFull; i += chunk)
        {
            writer.Write(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }

        writer.Complete();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
