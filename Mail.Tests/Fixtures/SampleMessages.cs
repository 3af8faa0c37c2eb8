namespace Mail.Tests.Fixtures;

/// <summary>Messages several tests store and read back.</summary>
internal static class SampleMessages
{
    /// <summary>A Vietnamese multipart/mixed message: an RFC 2047 subject, an 8-bit UTF-8 text part and a small
    /// base64 PDF attachment.</summary>
    public const string Multipart =
        "From: \"Nguyễn Văn An\" <annv@truong.edu.vn>\r\n" +
        "To: Giáo viên <giaovien@truong.edu.vn>, binhtt@truong.edu.vn\r\n" +
        "Subject: =?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?=\r\n" +
        "Date: Sun, 29 Nov 2026 08:00:00 +0700\r\n" +
        "Message-ID: <abc@truong.edu.vn>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=b1\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        "Kính gửi các thầy cô,\r\nHọp tổ lúc 14 giờ.\r\n" +
        "--b1\r\n" +
        "Content-Type: application/pdf; name=lich.pdf\r\n" +
        "Content-Disposition: attachment; filename=lich.pdf\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "JVBERi0xLjQK\r\n" +
        "--b1--\r\n";
}
