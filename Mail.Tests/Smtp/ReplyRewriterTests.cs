using System.Buffers;
using System.Text;
using Mail.Server.Smtp.Transport;

namespace Mail.Tests.Smtp;

internal sealed class ReplyRewriterTests
{
    private static string Rewrite(ReplyRewriter rewriter, params string[] writes)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var write in writes)
        {
            rewriter.Write(Encoding.ASCII.GetBytes(write), output);
        }

        return Encoding.ASCII.GetString(output.WrittenSpan);
    }

    private static ReplyRewriter Greeted()
    {
        var rewriter = new ReplyRewriter();
        Rewrite(rewriter, "220 mail.test ESMTP\r\n");
        return rewriter;
    }

    [Test]
    public void TheGreeting_PassesUnchanged() =>
        Assert.That(Rewrite(new ReplyRewriter(), "220 mail.test ESMTP\r\n"), Is.EqualTo("220 mail.test ESMTP\r\n"));

    [TestCase("250 Ok\r\n", "250 2.0.0 Ok\r\n")]
    [TestCase("235 go ahead\r\n", "235 2.7.0 go ahead\r\n")]
    [TestCase("221 bye\r\n", "221 2.0.0 bye\r\n")]
    [TestCase("220 ready when you are\r\n", "220 2.0.0 ready when you are\r\n")]
    [TestCase("503 bad sequence of commands\r\n", "503 5.5.1 bad sequence of commands\r\n")]
    [TestCase("535 authentication failed, 2 attempt(s) remaining.\r\n", "535 5.7.8 authentication failed, 2 attempt(s) remaining.\r\n")]
    [TestCase("552 size limit exceeded\r\n", "552 5.3.4 size limit exceeded\r\n")]
    [TestCase("554 no valid recipients given\r\n", "554 5.5.1 no valid recipients given\r\n")]
    [TestCase("250\r\n", "250 2.0.0\r\n")]
    [TestCase("501 expected NOOP/RSET/QUIT/MAIL\r\n", "503 5.5.1 bad sequence of commands: expected NOOP/RSET/QUIT/MAIL\r\n")]
    [TestCase("501 syntax error\r\n", "501 5.5.2 syntax error\r\n")]
    public void LibraryReplies_GetAnEnhancedCode(string reply, string expected) =>
        Assert.That(Rewrite(Greeted(), reply), Is.EqualTo(expected));

    [TestCase("354 end with <CRLF>.<CRLF>\r\n")]
    [TestCase("334 VXNlcm5hbWU6\r\n")]
    [TestCase("250 2.0.0 queued as ABC\r\n")]
    [TestCase("451 4.4.3 directory temporarily unavailable\r\n")]
    public void IntermediateRepliesAndOursWithACode_PassUnchanged(string reply) =>
        Assert.That(Rewrite(Greeted(), reply), Is.EqualTo(reply));

    [TestCase("550 5.1.1 no such user here, 999 retry(ies) remaining.\r\n", "550 5.1.1 no such user here\r\n")]
    [TestCase("554 relay denied, 0 retry(ies) remaining.\r\n", "554 5.5.1 relay denied\r\n")]
    public void TheRetrySuffix_IsRemoved(string reply, string expected) =>
        Assert.That(Rewrite(Greeted(), reply), Is.EqualTo(expected));

    [Test]
    public void AnEhloReply_PassesUnchanged_AndTheNextReplyIsRewritten()
    {
        const string ehlo = "250-mail.test greets x\r\n250-PIPELINING\r\n250 ENHANCEDSTATUSCODES\r\n";
        Assert.That(Rewrite(Greeted(), ehlo, "250 Ok\r\n"), Is.EqualTo(ehlo + "250 2.0.0 Ok\r\n"));
    }

    [Test]
    public void RepliesSplitAcrossWrites_AndSeveralInOneWrite_AreEachRewritten() =>
        Assert.That(Rewrite(Greeted(), "25", "0 Ok\r\n250 O", "k\r\n221 bye\r\n"), Is.EqualTo("250 2.0.0 Ok\r\n250 2.0.0 Ok\r\n221 2.0.0 bye\r\n"));

    [Test]
    public void AnOverlongLine_PassesThroughWhole()
    {
        var longLine = "250 " + new string('x', ReplyRewriter.MaxLine + 10) + "\r\n";
        Assert.That(Rewrite(Greeted(), longLine[..100], longLine[100..], "250 Ok\r\n"), Is.EqualTo(longLine + "250 2.0.0 Ok\r\n"));
    }
}
