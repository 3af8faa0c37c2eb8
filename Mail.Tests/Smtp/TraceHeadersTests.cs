using System.Net;
using Mail.Server.Smtp;
using MimeKit;

namespace Mail.Tests.Smtp;

internal sealed class TraceHeadersTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 29, 8, 5, 9, TimeSpan.FromHours(7));

    [Test]
    public void SubmissionOverTls_SaysESMTPSA_WithTlsFacts()
    {
        var text = TraceHeaders.Build(new TraceFacts("annv@truong.edu.vn", "laptop", IPAddress.Parse("::ffff:192.0.2.7"), "mail.truong.edu.vn",
            "TLSv1.3", "TLS_AES_256_GCM_SHA384", Authenticated: true, "Q1", "binhtt@truong.edu.vn", When));
        Assert.That(text, Is.EqualTo(
            "Return-Path: <annv@truong.edu.vn>\r\n" +
            "Received: from laptop ([192.0.2.7])\r\n" +
            "\tby mail.truong.edu.vn with ESMTPSA (TLSv1.3 TLS_AES_256_GCM_SHA384)\r\n" +
            "\tid Q1 for <binhtt@truong.edu.vn>;\r\n" +
            "\tSun, 29 Nov 2026 08:05:09 +0700\r\n"));
    }

    [Test]
    public void PlainMx_WithHostileHelo_StaysOneParsableHeader()
    {
        var text = TraceHeaders.Build(new TraceFacts("", "evil\r\nBcc: x@y (z)", IPAddress.Parse("2001:db8::1"), "mail.truong.edu.vn",
            null, null, Authenticated: false, "Q2", null, When));
        var headers = HeaderList.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(text + "\r\n")));
        Assert.That(headers.Count, Is.EqualTo(2));
        Assert.That(headers[HeaderId.ReturnPath], Is.EqualTo("<>"));
        Assert.That(headers[HeaderId.Received], Does.Contain("with ESMTP").And.Contain("[IPv6:2001:db8::1]").And.Not.Contain(" for "));
    }
}
