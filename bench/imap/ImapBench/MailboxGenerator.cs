using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace ImapBench;

/// <summary>
/// Builds the benchmark mailbox with MimeKit from a fixed seed: plain text, multipart/alternative with HTML, and a
/// few multipart/mixed with a 20–200 KB attachment; Vietnamese subjects (RFC 2047) and bodies (UTF-8 as 8bit, or
/// quoted-printable / base64 as MimeKit picks for 7-bit transport), some English.
/// The same octets go to both servers (MIME boundaries are random, so the load generates once and appends twice).
/// </summary>
internal static class MailboxGenerator
{
    private static readonly FormatOptions Format = CreateFormat();

    public static List<GeneratedMessage> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 9, 1, 7, 0, 0, TimeSpan.FromHours(7));
        var messages = new List<GeneratedMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var date = start.AddMinutes(i * 350 + random.Next(300));
            var (name, address) = VietnameseText.Senders[random.Next(VietnameseText.Senders.Length)];
            var subject = string.Format(CultureInfo.InvariantCulture,
                VietnameseText.Subjects[random.Next(VietnameseText.Subjects.Length)], 1 + random.Next(40));
            if (random.Next(5) == 0)
            {
                subject = "Re: " + subject;
            }

            var message = new MimeMessage();
            message.From.Add(new MailboxAddress(name, address));
            message.To.Add(new MailboxAddress("User One", "user1@bench.test"));
            if (random.Next(4) == 0)
            {
                message.Cc.Add(new MailboxAddress("Trần Thị Bình", "binh.tran@thpt-chuvanan.edu.vn"));
            }

            message.Subject = subject;
            message.Date = date;
            message.MessageId = string.Create(CultureInfo.InvariantCulture, $"bench-{i}.{seed}@thpt-chuvanan.edu.vn");
            if (subject.StartsWith("Re: ", StringComparison.Ordinal) && i > 0)
            {
                message.InReplyTo = string.Create(CultureInfo.InvariantCulture, $"bench-{random.Next(i)}.{seed}@thpt-chuvanan.edu.vn");
            }

            var text = Paragraphs(random, 3 + random.Next(25));
            var roll = random.Next(100);
            string kind;
            if (roll < 5)
            {
                kind = "attachment";
                var body = new BodyBuilder { TextBody = text, HtmlBody = Html(text) };
                var bytes = new byte[20 * 1024 + random.Next(180 * 1024)];
                random.NextBytes(bytes);
                var fileName = VietnameseText.AttachmentNames[random.Next(VietnameseText.AttachmentNames.Length)];
                body.Attachments.Add(fileName, bytes, ContentType.Parse(ContentTypeFor(fileName)));
                message.Body = body.ToMessageBody();
            }
            else if (roll < 40)
            {
                kind = "alternative";
                message.Body = new BodyBuilder { TextBody = text, HtmlBody = Html(text) }.ToMessageBody();
            }
            else
            {
                kind = "plain";
                message.Body = new TextPart(TextFormat.Plain) { Text = text };
            }

            // As mail clients send it: UTF-8 text declared 8bit (Thunderbird-like) or quoted-printable/base64 (Outlook-like).
            message.Prepare(random.Next(3) == 0 ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);
            using var octets = new MemoryStream();
            message.WriteTo(Format, octets);
            messages.Add(new GeneratedMessage(octets.ToArray(), Seen: random.Next(10) < 7, Flagged: random.Next(20) == 0,
                date, subject, address, kind));
        }

        return messages;
    }

    /// <summary>A plain-text message of about <paramref name="size"/> octets for the APPEND measurement.</summary>
    public static byte[] AppendMessage(int size)
    {
        var random = new Random(2026);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Nguyễn Văn An", "an.nguyen@thpt-chuvanan.edu.vn"));
        message.To.Add(new MailboxAddress("User One", "user1@bench.test"));
        message.Subject = "Bản nháp biên bản họp tổ chuyên môn";
        message.Date = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
        message.MessageId = "bench-append@thpt-chuvanan.edu.vn";
        var text = new StringBuilder();
        byte[] octets;
        do
        {
            text.Append(Paragraphs(random, 4)).Append("\n\n");
            message.Body = new TextPart(TextFormat.Plain) { Text = text.ToString() };
            message.Prepare(EncodingConstraint.SevenBit);
            using var stream = new MemoryStream();
            message.WriteTo(Format, stream);
            octets = stream.ToArray();
        }
        while (octets.Length < size);
        return octets;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    private static string Paragraphs(Random random, int sentences)
    {
        var text = new StringBuilder();
        for (var s = 0; s < sentences; s++)
        {
            text.Append(VietnameseText.Sentences[random.Next(VietnameseText.Sentences.Length)]);
            text.Append(random.Next(4) == 0 ? "\n\n" : " ");
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static string Html(string text)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family: Arial\">");
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            html.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(paragraph.Trim())).Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string ContentTypeFor(string fileName) => Path.GetExtension(fileName) switch
    {
        ".pdf" => "application/pdf",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
