using System.Text;
using Mail.Server.Smtp.Transport;

namespace Mail.Tests.Smtp;

internal sealed class DataPrefixInjectorTests
{
    private static int ArmAfter(params string[] reads)
    {
        var injector = new DataPrefixInjector();
        foreach (var read in reads)
        {
            injector.Observe(Encoding.ASCII.GetBytes(read));
        }

        injector.Arm();
        var buffer = new byte[16];
        var written = injector.TryWrite(buffer);
        Assert.That(injector.Applied, Is.EqualTo(written == 2));
        return written;
    }

    [TestCase("DATA\r\n")]
    [TestCase("data\r\n")]
    [TestCase("DATA \r\n")]
    [TestCase("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")]
    public void WhenTheLastReadEndsWithTheDataLine_TheCrLfGoesIn(string read) =>
        Assert.That(ArmAfter(read), Is.EqualTo(2));

    [Test]
    public void ADataLineSplitAcrossReads_IsRecognised() =>
        Assert.That(ArmAfter("RCPT TO:<c@d>\r\nDA", "TA", "\r\n"), Is.EqualTo(2));

    [TestCase("DATA\r\nSubject: x\r\n")]
    [TestCase("DATA\r\nSubj")]
    [TestCase("DATA\r\n.\r\n")]
    public void WhenMessageBytesArePipelinedBehindData_NothingGoesIn(string read) =>
        Assert.That(ArmAfter(read), Is.Zero);

    [Test]
    public void TheCrLfGoesInOnce_AndNotAfterDisarm()
    {
        var injector = new DataPrefixInjector();
        injector.Observe("DATA\r\n"u8);
        injector.Arm();
        var buffer = new byte[8];
        Assert.That(injector.TryWrite(buffer), Is.EqualTo(2));
        Assert.That(injector.TryWrite(buffer), Is.Zero);
        injector.Observe("DATA\r\n"u8);
        injector.Arm();
        injector.Disarm();
        Assert.That(injector.TryWrite(buffer), Is.Zero);
    }
}
