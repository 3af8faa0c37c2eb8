using System.Buffers;
using System.Globalization;
using MimeKit;

namespace Mail.Server.Queue;

/// <summary>Builds a delivery status notification (RFC 3464 multipart/report with message/delivery-status and the
/// original's headers) in Vietnamese and English, from the mailer daemon of this host to the original sender: a
/// non-delivery report, or a notice that delivery is delayed and still being tried.</summary>
public static class DeliveryStatusNotice
{
    /// <summary>The report for <paramref name="failed"/> recipients of the message whose bytes are <paramref name="original"/>.</summary>
    public static MimeMessage Create(
        string hostname, string sender, IReadOnlyList<FailedRecipient> failed, ReadOnlySequence<byte> original, DateTimeOffset arrival, DateTimeOffset now,
        NoticeKind kind = NoticeKind.Failed)
    {
        var notice = new MimeMessage();
        notice.From.Add(new MailboxAddress("Hệ thống thư - Mail Delivery System", "MAILER-DAEMON@" + hostname));
        notice.To.Add(MailboxAddress.Parse(sender));
        notice.Subject = kind == NoticeKind.Failed
            ? "Không gửi được thư (Undelivered Mail Returned to Sender)"
            : "Thư đang bị chậm, vẫn đang gửi lại (Delayed Mail, still being retried)";
        notice.Date = now;
        notice.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(hostname);
        notice.Headers.Add("Auto-Submitted", "auto-replied");

        var report = new MultipartReport("delivery-status");
        var text = kind == NoticeKind.Failed ? Explanation(hostname, failed) : DelayExplanation(hostname, failed, now - arrival);
        report.Add(new TextPart("plain") { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable });
        report.Add(Status(hostname, failed, arrival, kind));
        report.Add(OriginalHeaders(original));
        notice.Body = report;
        return notice;
    }

    private static string Explanation(string hostname, IReadOnlyList<FailedRecipient> failed)
    {
        var lines = string.Join("\r\n  ", failed.Select(f => $"<{f.Address}>: {f.Reason.Code} {f.Reason.Enhanced} {f.Reason.Text}"));
        return $"""
            Đây là hệ thống thư của {hostname}.

            Thư của bạn không chuyển được đến những người nhận dưới đây. Lỗi này không tự khắc phục:
            thư sẽ không được gửi lại.

            This is the mail system at {hostname}.

            Your message could not be delivered to the recipients below. This is a permanent error:
            the message will not be retried.

              {lines}
            """.ReplaceLineEndings("\r\n") + "\r\n";
    }

    private static string DelayExplanation(string hostname, IReadOnlyList<FailedRecipient> delayed, TimeSpan waited)
    {
        var lines = string.Join("\r\n  ", delayed.Select(f => $"<{f.Address}>: {f.Reason.Code} {f.Reason.Enhanced} {f.Reason.Text}"));
        var hours = (int)waited.TotalHours;
        return $"""
            Đây là hệ thống thư của {hostname}.

            Thư của bạn chưa chuyển được đến những người nhận dưới đây sau {hours} giờ. Hệ thống vẫn đang
            tự gửi lại; bạn không cần gửi lại thư này. Nếu thư không đi được, bạn sẽ nhận thêm một thông báo.

            This is the mail system at {hostname}.

            Your message has not yet been delivered to the recipients below after {hours} hours. The system
            is still trying; you do not need to send it again. If it cannot be delivered, you will be told.

              {lines}
            """.ReplaceLineEndings("\r\n") + "\r\n";
    }

    private static MessageDeliveryStatus Status(string hostname, IReadOnlyList<FailedRecipient> failed, DateTimeOffset arrival, NoticeKind kind)
    {
        var status = new MessageDeliveryStatus();
        var message = new HeaderList
        {
            { "Reporting-MTA", "dns; " + hostname },
            { "Arrival-Date", MimeKit.Utils.DateUtils.FormatDate(arrival) },
        };
        status.StatusGroups.Add(message);
        foreach (var recipient in failed)
        {
            var group = new HeaderList();
            if (recipient.OriginalRecipient is { } originalRecipient)
            {
                group.Add("Original-Recipient", "rfc822; " + originalRecipient);
            }

            group.Add("Final-Recipient", "rfc822; " + recipient.Address);
            group.Add("Action", kind == NoticeKind.Failed ? "failed" : "delayed");
            group.Add("Status", recipient.Reason.Enhanced);
            if (recipient.RemoteMta is { } remote)
            {
                group.Add("Remote-MTA", "dns; " + remote);
            }

            group.Add("Diagnostic-Code", string.Create(CultureInfo.InvariantCulture, $"smtp; {recipient.Reason.Code} {recipient.Reason.Enhanced} {recipient.Reason.Text}"));
            status.StatusGroups.Add(group);
        }

        return status;
    }

    // The original's header section only: the body may be large and is the sender's own anyway.
    private static MimePart OriginalHeaders(ReadOnlySequence<byte> original)
    {
        var reader = new SequenceReader<byte>(original);
        var headerBytes = reader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: false)
            ? head.ToArray().Concat("\r\n"u8.ToArray()).ToArray()
            : original.ToArray();
        return new MimePart("text", "rfc822-headers") { Content = new MimeContent(new MemoryStream(headerBytes, writable: false)) };
    }
}
