using System.IO.Pipelines;
using System.Text;
using Mail.Server.Pop3.Protocol;

namespace Mail.Tests.Pop3;

/// <summary>The bounded line reader and the command parser, on a pipe.</summary>
internal sealed class Pop3LineReaderTests
{
    [Test]
    public async Task Lines_AreSplitOnCrlfOrLf_AndTooLongOnesAreDiscardedWhole()
    {
        var pipe = new Pipe();
        var reader = new Pop3LineReader(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("STAT\r\nLIST 1\n" + new string('x', 100) + "\r\nNOOP\r\n"));
        await pipe.Writer.CompleteAsync();

        Assert.That(Text(await reader.ReadLineAsync(16, CancellationToken.None)), Is.EqualTo("STAT"));
        Assert.That(Text(await reader.ReadLineAsync(16, CancellationToken.None)), Is.EqualTo("LIST 1"));
        Assert.That((await reader.ReadLineAsync(16, CancellationToken.None)).Kind, Is.EqualTo(Pop3LineKind.TooLong));
        Assert.That(Text(await reader.ReadLineAsync(16, CancellationToken.None)), Is.EqualTo("NOOP"));
        Assert.That((await reader.ReadLineAsync(16, CancellationToken.None)).Kind, Is.EqualTo(Pop3LineKind.Closed));
    }

    [Test]
    public async Task AnEndlessLine_IsNotBuffered()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32));
        var reader = new Pop3LineReader(pipe.Reader);
        var read = reader.ReadLineAsync(16, CancellationToken.None).AsTask();

        // The pipe pauses the writer above 64 unread octets: this only finishes if the reader keeps discarding.
        for (var i = 0; i < 1000; i++)
        {
            await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes(new string('y', 50)));
        }

        await pipe.Writer.WriteAsync("\r\nQUIT\r\n"u8.ToArray());
        Assert.That((await read).Kind, Is.EqualTo(Pop3LineKind.TooLong));
        Assert.That(Text(await reader.ReadLineAsync(16, CancellationToken.None)), Is.EqualTo("QUIT"));
    }

    [TestCase("retr 12", Pop3Verb.Retr, "12")]
    [TestCase("Top 1 0", Pop3Verb.Top, "1 0")]
    [TestCase("PASS a pass with spaces", Pop3Verb.Pass, "a pass with spaces")]
    [TestCase("CAPA", Pop3Verb.Capa, "")]
    [TestCase("APOP x y", Pop3Verb.Unknown, "x y")]
    [TestCase("RETRX 1", Pop3Verb.Unknown, "1")]
    public void Parse_FindsTheVerbCaseInsensitively(string line, Pop3Verb verb, string tail)
    {
        var request = Pop3RequestParser.Parse(Encoding.UTF8.GetBytes(line));
        Assert.That((request.Verb, request.Tail), Is.EqualTo((verb, tail)));
    }

    private static string Text(Pop3Line line)
    {
        Assert.That(line.Kind, Is.EqualTo(Pop3LineKind.Line));
        return Encoding.ASCII.GetString(line.Bytes.Span);
    }
}
