using System.Buffers;
using System.Text;
using Mail.Server.Auth;

namespace Mail.Tests.Auth;

/// <summary>Removal of Authentication-Results fields that claim our authserv-id (RFC 8601 5).</summary>
internal sealed class ForgedResultsRemoverTests
{
    private const string Ours = "mail.truong.edu.vn";

    [Test]
    public void OurFields_Go_FoldedOnesWhole_AndEverythingElseStaysByteForByte()
    {
        var message = "Received: from x\r\n"
            + "Authentication-Results: mail.truong.edu.vn;\r\n\tdkim=pass header.d=a.example\r\n"
            + "Authentication-Results: mx.a.example; spf=pass\r\n"
            + "AUTHENTICATION-RESULTS:(forged) \"Mail.Truong.Edu.Vn\" 1; none\r\n"
            + "Authentication-Results: mail.truong.edu.vn.other; none\r\n"
            + "Subject: Kết quả\r\n\r\n"
            + "Authentication-Results: mail.truong.edu.vn; body text is not a header\r\n";
        var expected = "Received: from x\r\n"
            + "Authentication-Results: mx.a.example; spf=pass\r\n"
            + "Authentication-Results: mail.truong.edu.vn.other; none\r\n"
            + "Subject: Kết quả\r\n\r\n"
            + "Authentication-Results: mail.truong.edu.vn; body text is not a header\r\n";

        var result = ForgedResultsRemover.Remove(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message)), Ours);
        Assert.That(Encoding.UTF8.GetString(result), Is.EqualTo(expected));
    }

    [Test]
    public void AMessageWithoutOurFields_IsTheSameSequence()
    {
        var bytes = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("Subject: x\r\n\r\nbody"));
        Assert.That(ForgedResultsRemover.Remove(bytes, Ours).Start, Is.EqualTo(bytes.Start));
    }

    [Test]
    public void AHeaderWithoutBody_IsHandled()
    {
        var result = ForgedResultsRemover.Remove(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("Subject: x\r\nAuthentication-Results: mail.truong.edu.vn; none")), Ours);
        Assert.That(Encoding.UTF8.GetString(result), Is.EqualTo("Subject: x\r\n"));
    }
}
