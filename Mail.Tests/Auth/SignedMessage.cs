using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Mail.Tests.Auth;

/// <summary>Builds test messages as raw SMTP DATA text, optionally DKIM-signed with a key made for the test.</summary>
internal sealed class SignedMessage : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    /// <summary>The TXT record that publishes the key (over 255 bytes, so DNS splits it into several strings).</summary>
    public string KeyRecord => "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    /// <summary>A Vietnamese UTF-8 message from <paramref name="from"/>, signed for <paramref name="signingDomain"/>
    /// with selector s1 when it is given, as CRLF text ending in CRLF.</summary>
    public string Build(
        string from, string to, string? signingDomain, string body = "Kính gửi các thầy cô,\r\nHọp tổ Toán lúc 14 giờ.\r\n", string? extraHeaders = null,
        DkimSignatureAlgorithm algorithm = DkimSignatureAlgorithm.RsaSha256)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Nguyễn Văn An", from));
        message.To.Add(new MailboxAddress("Trần Thị Bình", to));
        message.Subject = "Lịch họp tổ Toán";
        message.Date = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(7));
        message.MessageId = "hop-to-toan@" + from.Split('@')[1];
        message.Body = new TextPart("plain") { Text = body, ContentTransferEncoding = ContentEncoding.EightBit };
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        if (signingDomain is not null)
        {
            using var pem = new MemoryStream(Encoding.ASCII.GetBytes(_key.ExportRSAPrivateKeyPem()));
            var signer = new DkimSigner(pem, signingDomain, "s1", algorithm)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            signer.Sign(format, message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
        }

        using var output = new MemoryStream();
        message.WriteTo(format, output);
        return (extraHeaders ?? string.Empty) + Encoding.UTF8.GetString(output.ToArray());
    }

    public void Dispose() => _key.Dispose();
}
