using System.Globalization;
using System.Text.RegularExpressions;

namespace ImapBench;

/// <summary>STATUS INBOX (MESSAGES): how many messages a server holds, asked from an unselected session.</summary>
internal static partial class MailboxStatus
{
    public static async Task<int> MessagesAsync(ServerTarget target, CancellationToken cancellationToken)
    {
        var client = await ImapClient.OpenAsync(target, select: false, cancellationToken);
        await using (client)
        {
            var reply = (await client.CommandAsync("STATUS INBOX (MESSAGES)", keepLines: true, cancellationToken: cancellationToken))
                .EnsureOk("STATUS INBOX (MESSAGES)");
            await client.LogoutAsync(cancellationToken);
            foreach (var line in reply.Lines)
            {
                var match = MessagesPattern().Match(line);
                if (match.Success)
                {
                    return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            }

            throw new ImapBenchException($"STATUS INBOX (MESSAGES) gave no MESSAGES: {string.Join(" | ", reply.Lines)} {reply.Text}");
        }
    }

    /// <summary>Expunges every message beyond the first <paramref name="messages"/> (those the workload appended) and
    /// checks that exactly <paramref name="messages"/> remain.</summary>
    public static async Task<int> RestoreAsync(ServerTarget target, int messages, CancellationToken cancellationToken)
    {
        var client = await ImapClient.OpenAsync(target, select: true, cancellationToken);
        await using (client)
        {
            var uids = await MailboxUids.ListAsync(client, cancellationToken);
            if (uids.Count > messages)
            {
                var first = uids[messages];
                (await client.CommandAsync(string.Create(CultureInfo.InvariantCulture, $"UID STORE {first}:* +FLAGS.SILENT (\\Deleted)"),
                    cancellationToken: cancellationToken)).EnsureOk("UID STORE +FLAGS.SILENT (\\Deleted)");
                (await client.CommandAsync("EXPUNGE", cancellationToken: cancellationToken)).EnsureOk("EXPUNGE");
            }

            await client.LogoutAsync(cancellationToken);
        }

        return await MessagesAsync(target, cancellationToken);
    }

    [GeneratedRegex(@"^\* STATUS .*\(.*MESSAGES (\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MessagesPattern();
}
