using System.Collections.Concurrent;

namespace Mail.Tests.Fixtures;

/// <summary>The load of the SIGKILL tests: one MX connection sending message after message until the appliance dies,
/// recording the Message-ID of every message answered 250.</summary>
internal static class SendUntilKilled
{
    public static async Task RunAsync(int port, string tag, IReadOnlyList<string> recipients, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        try
        {
            var (smtp, banner) = await SmtpDialog.ConnectAsync(port);
            using var _ = smtp;
            if (!banner.StartsWith("220 ", StringComparison.Ordinal) || !(await smtp.CommandAsync("EHLO crash.test")).StartsWith("250", StringComparison.Ordinal))
            {
                return;
            }

            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"{tag}n{n}@crash.test";
                if (!(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>")).StartsWith("250", StringComparison.Ordinal))
                {
                    return;
                }

                foreach (var recipient in recipients)
                {
                    if (!(await smtp.CommandAsync($"RCPT TO:<{recipient}>")).StartsWith("250", StringComparison.Ordinal))
                    {
                        return;
                    }
                }

                if (!(await smtp.CommandAsync("DATA")).StartsWith("354", StringComparison.Ordinal))
                {
                    return;
                }

                var text = $"Message-ID: <{id}>\r\nSubject: Thử nghiệm {n}\r\n\r\n" + string.Concat(Enumerable.Repeat("Nội dung kiểm tra an toàn khi sập.\r\n", 100)) + ".\r\n";
                if (!(await smtp.SendAsync(text)).StartsWith("250 ", StringComparison.Ordinal))
                {
                    return;
                }

                acknowledged.Add(id);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            // The appliance was killed under us: whatever was not answered 250 may or may not be there.
        }
    }
}
