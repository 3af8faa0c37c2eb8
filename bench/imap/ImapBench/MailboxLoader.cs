using System.Diagnostics;
using System.Globalization;

namespace ImapBench;

/// <summary>
/// Loads the generated mailbox into each server the same way: one session, one APPEND per message with its flags
/// and internal date (LITERAL+), in order, so both servers hold the same messages in the same sequence; then checks
/// STATUS INBOX. Also records what the searches should find.
/// </summary>
internal static class MailboxLoader
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var results = args.Text("results");
        var count = args.Int("messages", BenchPlan.Messages);
        var seed = args.Int("seed", BenchPlan.Seed);
        var clock = Stopwatch.StartNew();
        var messages = MailboxGenerator.Generate(count, seed);
        var octets = messages.Sum(m => (long)m.Octets.Length);
        var kinds = string.Join(", ", messages.GroupBy(m => m.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ImapBench: generated {count} messages ({kinds}; {octets / 1048576.0:N1} MB, largest {messages.Max(m => m.Octets.Length) / 1024} KB) in {clock.Elapsed.TotalSeconds:N1} s"));
        ResultFile.Append(results, "info", "-", "mailbox", string.Create(CultureInfo.InvariantCulture,
            $"{count} messages ({kinds}), {octets / 1048576.0:N1} MB, {messages.Count(m => !m.Seen)} unseen, {messages.Count(m => m.Flagged)} flagged"));
        foreach (var (name, expected) in Expectations(messages))
        {
            ResultFile.Append(results, "expect", "-", name, expected);
        }

        foreach (var target in args.Servers())
        {
            var already = await MailboxStatus.MessagesAsync(target, cancellationToken);
            if (already != 0)
            {
                throw new ImapBenchException($"{target.Name}: INBOX already holds {already} messages; the load needs an empty one");
            }

            clock.Restart();
            var client = await ImapClient.OpenAsync(target, select: false, cancellationToken);
            await using (client)
            {
                foreach (var message in messages)
                {
                    var flags = string.Join(' ', new[] { message.Seen ? "\\Seen" : null, message.Flagged ? "\\Flagged" : null }.OfType<string>());
                    var command = $"APPEND INBOX ({flags}) \"{InternalDate(message.Date)}\"";
                    (await client.CommandAsync(command, message.Octets, cancellationToken: cancellationToken)).EnsureOk($"{target.Name}: {command}");
                }

                await client.LogoutAsync(cancellationToken);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var held = await MailboxStatus.MessagesAsync(target, cancellationToken);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ImapBench: {target.Name}: appended {count} messages in {seconds:N1} s ({count / seconds:N0}/s, one session); STATUS INBOX: MESSAGES {held}"));
            ResultFile.Append(results, "load", target.Name, count, seconds, held);
            if (held != count)
            {
                throw new ImapBenchException($"{target.Name}: STATUS INBOX says MESSAGES {held} after appending {count}");
            }
        }

        return 0;
    }

    /// <summary>The hits each search should give on the generated mailbox (before the workload changes flags).</summary>
    public static IEnumerable<(string Name, int Expected)> Expectations(List<GeneratedMessage> messages)
    {
        yield return ("search-subject", messages.Count(m => m.Subject.Contains(BenchPlan.SubjectWord, StringComparison.OrdinalIgnoreCase)));
        yield return ("search-subject-utf8", messages.Count(m => m.Subject.Contains(BenchPlan.SubjectWordVietnamese, StringComparison.OrdinalIgnoreCase)));
        yield return ("search-unseen", messages.Count(m => !m.Seen));
        yield return ("search-from", messages.Count(m => m.FromAddress.Contains(BenchPlan.FromWord, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>RFC 3501 date-time: "dd-Mon-yyyy hh:mm:ss +zzzz".</summary>
    private static string InternalDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{date:dd-MMM-yyyy HH:mm:ss} {sign}{offset.Hours:00}{offset.Minutes:00}");
    }
}
