using System.Buffers;
using System.Text;
using Mail.Server.Smtp;

namespace Mail.Tests.Smtp;

internal sealed class MessageDataInspectorTests
{
    [TestCase("Subject: a\r\n\r\nbody\r\n")]
    [TestCase("Subject: a\r\n\r\nbody")]
    [TestCase("")]
    [TestCase("Subject: Tiếng Việt\r\n\r\nXin chào các thầy cô\r\n")]
    public void WellFormedMessages_Pass(string message) =>
        Assert.That(MessageDataInspector.Inspect(Bytes(message)), Is.Null);

    [TestCase("Subject: a\r\n\r\nbody\n.\nMAIL FROM:<x@y>\r\n")]
    [TestCase("Subject: a\r\n\r\nbody\n.\r\nMAIL FROM:<x@y>\r\n")]
    [TestCase("Subject: a\r\n\r\nbody\r.\rMAIL FROM:<x@y>\r\n")]
    [TestCase("Subject: a\n\nbody\n")]
    [TestCase("Subject: a\r\n\r\nlast\r")]
    public void SmugglingSequencesAndBareLineEndings_Are554_5_6_0(string message) =>
        Assert.That(MessageDataInspector.Inspect(Bytes(message))?.ToString(), Does.StartWith("554 5.6.0"));

    [Test]
    public void LineOf998OctetsPasses_999Fails()
    {
        Assert.That(MessageDataInspector.Inspect(Bytes("S: x\r\n\r\n" + new string('a', 998) + "\r\n")), Is.Null);
        Assert.That(MessageDataInspector.Inspect(Bytes("S: x\r\n\r\n" + new string('a', 999) + "\r\n"))?.ToString(), Does.StartWith("554 5.6.0"));
    }

    [Test]
    public void MoreThan30ReceivedHeaders_IsALoop()
    {
        var thirty = string.Concat(Enumerable.Repeat("Received: from a by b; Sun, 29 Nov 2026 08:00:00 +0700\r\n", 30));
        Assert.That(MessageDataInspector.Inspect(Bytes(thirty + "Subject: ok\r\n\r\nReceived: in the body does not count\r\n")), Is.Null);
        Assert.That(MessageDataInspector.Inspect(Bytes(thirty + "RECEIVED: one more\r\n\r\nx\r\n"))?.ToString(), Does.StartWith("554 5.4.6"));
    }

    [Test]
    public void MessagesSplitAcrossSegments_AreReadWhole()
    {
        var first = new Segment(Encoding.ASCII.GetBytes("Subject: a\r"));
        var last = first.Append(Encoding.ASCII.GetBytes("\n\r\nbody\r\n"));
        Assert.That(MessageDataInspector.Inspect(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length)), Is.Null);
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
