using System.Globalization;
using ImapBench.Operations;

namespace ImapBench;

/// <summary>
/// The client workload: each operation measured on its own, against each server in turn (which server goes first
/// alternates), with the same workers, durations and code; then the mailboxes are put back to the loaded messages.
/// </summary>
internal static class Workload
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var results = args.Text("results");
        var servers = args.Servers();
        var messages = args.Int("messages", BenchPlan.Messages);
        var workers = args.Int("workers", BenchPlan.Workers);
        var duration = TimeSpan.FromSeconds(args.Double("seconds", 4));
        var warmUp = TimeSpan.FromSeconds(args.Double("warmup", 1));
        var expunges = args.Int("expunges", 50);
        var callTimeout = TimeSpan.FromSeconds(args.Double("call-timeout", 15));
        var only = args.Text("only", "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var expected = ResultFile.Read(results).Where(r => r[0] == "expect").ToDictionary(r => r[2], r => int.Parse(r[3], CultureInfo.InvariantCulture));
        int Expect(string name) => expected.TryGetValue(name, out var n) ? n : -1;

        var appendOctets = MailboxGenerator.AppendMessage(BenchPlan.AppendSize);
        var operations = new List<BenchOperation>
        {
            new LoginLogout(),
            new SelectInbox(messages),
            new FetchAll(messages),
            new FetchBody(messages),
            new Search("search-subject", $"SEARCH SUBJECT {BenchPlan.SubjectWord}", null, Expect("search-subject")),
            new Search("search-subject-utf8", "SEARCH CHARSET UTF-8 SUBJECT", BenchPlan.SubjectWordVietnamese, Expect("search-subject-utf8")),
            new Search("search-unseen", "SEARCH UNSEEN", null, Expect("search-unseen")),
            new Search("search-from", $"SEARCH FROM {BenchPlan.FromWord}", null, Expect("search-from")),
            new StoreFlags(messages),
            new AppendMessage(appendOctets),
            new ExpungeOne(messages, expunges, warmUpPerWorker: Math.Max(1, expunges / 10), appendOctets),
        };
        if (only.Length > 0)
        {
            operations = operations.Where(o => only.Contains(o.Name)).ToList();
        }

        ResultFile.Append(results, "info", "-", "workload", string.Create(CultureInfo.InvariantCulture,
            $"{workers} concurrent clients; {duration.TotalSeconds:N1} s per operation after a {warmUp.TotalSeconds:N1} s warm-up; expunge: {expunges} per client after {Math.Max(1, expunges / 10)} warm-up"));
        var warmUpCount = Math.Max(1, expunges / 10);
        var failed = false;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            ResultFile.Append(results, "legend", "-", operation.Name, operation.Description);
            var order = i % 2 == 0 ? servers : Enumerable.Reverse(servers).ToList();
            foreach (var target in order)
            {
                OperationResult result;
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bound.CancelAfter(warmUp + duration + 4 * callTimeout + TimeSpan.FromMinutes(operation.CountPerWorker is null ? 1 : 5));
                try
                {
                    result = await new OperationRunner(workers, duration, warmUp, warmUpCount, BenchPlan.Seed + i, callTimeout)
                        .MeasureAsync(target, operation, bound.Token);
                }
                catch (Exception e) when (e is ImapBenchException or IOException or System.Net.Sockets.SocketException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // The set-up itself failed (login, select, the UID list): a row with no figure and the server's words.
                    var what = e is OperationCanceledException ? "no answer in time" : e.Message;
                    result = new OperationResult(target.Name, operation.Name, 0, 1, TimeSpan.FromSeconds(1), 0, default, "", $"set-up: {what}");
                }

                failed |= result.Failures > 0;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ImapBench: {target.Name,-8} {operation.Name,-20} {result.PerSecond,9:N1} ops/s  {result.CpuMsPerOperation,7:N2} CPU ms/op  {result.Operations} ok, {result.Failures} failed {result.Note}{(result.FirstError is null ? "" : "  first failure: " + result.FirstError)}"));
                ResultFile.Append(results, "op", target.Name, operation.Name, result.Operations, result.Failures, result.Elapsed.TotalSeconds,
                    result.CpuSeconds, result.Peak.RssKb, result.Peak.PssKb, result.Peak.SideKb, result.Peak.Processes, result.Note, result.FirstError ?? "");
            }
        }

        foreach (var target in servers)
        {
            var held = await MailboxStatus.RestoreAsync(target, messages, cancellationToken);
            ResultFile.Append(results, "restore", target.Name, held);
            if (held != messages)
            {
                Console.Error.WriteLine($"ImapBench: {target.Name}: INBOX holds {held} messages after the workload, expected {messages}");
                failed = true;
            }
        }

        return failed ? 1 : 0;
    }
}
