using System.Buffers;
using System.Text;
using Mail.Server.Store;

namespace Mail.Tests.Imap.Fetch;

/// <summary>The messages the FETCH tests use, stored with CRLF as the store keeps them. The same messages were
/// appended to a private Dovecot 2.3 (/work/shared/tools/reference-servers.sh) to record what it answers.</summary>
internal static class FetchSamples
{
    /// <summary>A plain UTF-8 Vietnamese message with an RFC 2047 subject folded over two lines and a raw UTF-8 name.</summary>
    public static readonly string Vietnamese = Crlf("""
        Return-Path: <annv@truong.edu.vn>
        From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?= <annv@truong.edu.vn>
        To: "Trần Thị Bình" <binhtt@truong.edu.vn>, "Doe, John" <john@example.com>,
         plain@example.com, =?utf-8?Q?L=C3=AA_V=C4=83n?= C <le@example.com>
        Cc: Phòng Đào tạo <daotao@truong.edu.vn>
        Subject: =?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?=
         =?UTF-8?Q?_tu=E1=BA=A7n_n=C3=A0y?=
        Date: Sun, 29 Nov 2026 08:00:00 +0700
        Message-ID: <abc@truong.edu.vn>
        In-Reply-To: <prev@truong.edu.vn>
        MIME-Version: 1.0
        Content-Type: TEXT/PLAIN; CHARSET=UTF-8; Format=Flowed
        Content-Transfer-Encoding: 8BIT
        Content-Language: vi

        Kính gửi các thầy cô,
        Họp tổ lúc 14 giờ.

        """);

    /// <summary>The attachment of <see cref="Mixed"/>: every octet value once.</summary>
    public static readonly byte[] Attachment = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    /// <summary>multipart/alternative (quoted-printable text, base64 HTML) inside multipart/mixed with a preamble and a
    /// base64 attachment carrying every extension field.</summary>
    public static readonly string Mixed = Crlf("""
        From: "Nguyễn Văn An" <annv@truong.edu.vn>
        To: =?UTF-8?B?VHLhuqduIFRo4buLIELDrG5o?= <binhtt@truong.edu.vn>, giaovien@truong.edu.vn
        Cc: "Phòng Đào tạo" <daotao@truong.edu.vn>
        Subject: =?UTF-8?Q?L=E1=BB=8Bch_c=C3=B4ng_t=C3=A1c?=
        Date: Mon, 30 Nov 2026 09:15:00 +0700
        Message-ID: <mixed@truong.edu.vn>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="=_outer"

        This is a multi-part message in MIME format.
        --=_outer
        Content-Type: multipart/alternative; boundary="=_alt"

        --=_alt
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Th=C3=B4ng b=C3=A1o h=E1=BB=8Dp =
        t=E1=BB=95.
        --=_alt
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: base64

        PHA+VGjDtG5nIGLDoW88L3A+
        --=_alt--

        --=_outer
        Content-Type: application/pdf; name="lich.pdf"
        Content-Disposition: attachment; filename="lich.pdf"
        Content-Transfer-Encoding: base64
        Content-ID: <att1@truong.edu.vn>
        Content-Description: Lich tuan
        Content-Language: vi, en
        Content-Location: http://example.com/lich.pdf
        Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==


        """) + Convert.ToBase64String(Attachment, Base64FormattingOptions.InsertLineBreaks) + "\r\n--=_outer--\r\n";

    /// <summary>A forwarded message: a note and the original as message/rfc822 with Sender, Reply-To and In-Reply-To.
    /// </summary>
    public static readonly string Forwarded = Crlf("""
        From: Trần Thị Bình <binhtt@truong.edu.vn>
        To: annv@truong.edu.vn
        Subject: Fwd: =?UTF-8?B?SOG7jXAgdOG7lQ==?=
        Date: Tue, 1 Dec 2026 10:00:00 +0700
        Message-ID: <fwd@truong.edu.vn>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=fwd1

        --fwd1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Chuyển tiếp thư bên dưới.

        --fwd1
        Content-Type: message/rfc822
        Content-Disposition: inline

        From: "Nguyễn Văn An" <annv@truong.edu.vn>
        Sender: secretary@truong.edu.vn
        Reply-To: replies@truong.edu.vn
        To: "Doe, John" <john@example.com>, =?utf-8?Q?L=C3=AA_V=C4=83n?= C <le@example.com>
        Subject: =?UTF-8?B?SOG7jXAgdOG7lQ==?=
        Date: Sun, 29 Nov 2026 08:00:00 +0700
        Message-ID: <orig@truong.edu.vn>
        In-Reply-To: <prev@truong.edu.vn>
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Họp tổ lúc 14 giờ.
        Phòng 201.

        --fwd1--

        """);

    /// <summary>A multipart whose first part has no header at all (it starts with the blank line) and whose second
    /// gives no charset.</summary>
    public static readonly string HeaderlessPart = Crlf("""
        From: a@b.c
        To: d@e.f
        Subject: no MIME headers
        Message-ID: <nomime@b.c>
        Content-Type: multipart/mixed; boundary=b

        --b

        a part without headers
        --b
        Content-Type: text/plain

        second
        --b--

        """);

    /// <summary>Nested multiparts with preambles and epilogues, a headerless part and a forwarded multipart message.
    /// </summary>
    public static readonly string Nested = Crlf("""
        From: a@b.c
        Subject: test
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=outer

        This is the preamble.
        --outer
        Content-Type: multipart/alternative; boundary=inner

        inner preamble
        --inner
        Content-Type: text/plain

        plain text
        --inner
        Content-Type: text/html

        <p>html</p>
        --inner--
        inner epilogue
        --outer

        no headers part
        --outer
        Content-Type: message/rfc822

        From: x@y.z
        Subject: fwd
        Content-Type: multipart/mixed; boundary=emb

        --emb
        Content-Type: text/plain

        embedded text
        --emb--
        --outer--
        epilogue here

        """);

    /// <summary>The octets as stored.</summary>
    public static byte[] Bytes(string message) => Encoding.UTF8.GetBytes(message);

    /// <summary>What delivery caches for the message.</summary>
    public static async Task<MessageAnalysis> AnalyzeAsync(string message)
    {
        using var stream = new MemoryStream(Bytes(message));
        return await MessageAnalyzer.AnalyzeAsync(stream, CancellationToken.None);
    }

    /// <summary>The text between two offsets of the stored octets.</summary>
    public static string Between(string message, long? start, long? end) =>
        Encoding.UTF8.GetString(Bytes(message), (int)start!.Value, (int)(end!.Value - start.Value));

    /// <summary>What a formatter writes, as text.</summary>
    public static string Render(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
