using System.Globalization;

namespace ImapBench;

/// <summary>Reads the result file of a run and prints the tables (both servers side by side, our ratio) and the
/// targets with PASS/MISS. Exit status 1 when anything failed or a count did not match (a MISS does not fail).</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(Arguments args)
    {
        var rows = ResultFile.Read(args.Text("results"));
        var ours = args.Text("ours", "ours");
        var reference = args.Text("reference", "dovecot");
        var failed = false;
        var targets = new List<string[]>();

        foreach (var info in rows.Where(r => r[0] == "info"))
        {
            Console.WriteLine($"{info[2]}: {info[3]}");
        }

        foreach (var load in rows.Where(r => r[0] == "load"))
        {
            Console.WriteLine(string.Create(Invariant,
                $"load into {load[1]}: {load[2]} APPENDs in {D(load[3]):N1} s on one session ({D(load[2]) / D(load[3]):N0}/s); STATUS INBOX: MESSAGES {load[4]}"));
        }

        // ------------------------------------------------------------------------------------------------ workload
        var ops = rows.Where(r => r[0] == "op").ToList();
        if (ops.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"workload ({ours} and {reference} measured alternately, the same client code; ratio = {ours}/{reference}):");
            List<string[]> table =
            [
                [
                    "operation", $"{ours} ops/s", $"{reference} ops/s", "ratio", $"{ours} CPU ms/op", $"{reference} CPU ms/op",
                    $"{ours} peak RSS MB", $"{reference} peak RSS/PSS MB", "notes",
                ],
            ];
            var errors = new List<string>();
            foreach (var name in ops.Select(r => r[2]).Distinct())
            {
                var a = ops.FirstOrDefault(r => r[1] == ours && r[2] == name);
                var b = ops.FirstOrDefault(r => r[1] == reference && r[2] == name);
                var rateA = Rate(a);
                var rateB = Rate(b);
                var ratio = rateA is { } x && rateB is { } y && y > 0 ? x / y : (double?)null;
                table.Add([
                    name, RateCell(a), RateCell(b), ratio is { } r ? r.ToString("N2", Invariant) : "-",
                    CpuCell(a), CpuCell(b),
                    a is null ? "-" : Mb(a[7]) + (L(a[9]) > 0 ? $" +{Mb(a[9])} slapd" : ""),
                    b is null ? "-" : $"{Mb(b[7])}/{Mb(b[8])}",
                    Notes(a, b, ours, reference),
                ]);
                foreach (var row in new[] { a, b })
                {
                    if (row is not null && L(row[4]) > 0)
                    {
                        failed = true;
                        errors.Add($"  {row[1]} {name}: {row[4]} failed; first: {row[12]}");
                    }
                }

                targets.Add([$"{ours} ops/s >= {reference}: {name}", ratio is { } q ? q.ToString("N2", Invariant) + "x" : "no figure",
                    Verdict(ratio is { } v && v >= 1 && L(a![4]) == 0)]);
            }

            Print(table);
            if (errors.Count > 0)
            {
                Console.WriteLine("failures (the first command and the server's answer):");
                errors.ForEach(Console.WriteLine);
            }

            Console.WriteLine("operations:");
            foreach (var legend in rows.Where(r => r[0] == "legend"))
            {
                Console.WriteLine($"  {legend[2],-20} {legend[3]}");
            }

            foreach (var restore in rows.Where(r => r[0] == "restore"))
            {
                var held = L(restore[2]);
                var expected = L(rows.FirstOrDefault(r => r[0] == "load" && r[1] == restore[1])?[2] ?? "0");
                if (held != expected)
                {
                    failed = true;
                    Console.WriteLine($"  {restore[1]}: INBOX holds {held} messages after the workload, expected {expected}");
                }
            }
        }

        // ---------------------------------------------------------------------------------------- idle sessions
        var idle = rows.Where(r => r[0] == "idle").ToList();
        if (idle.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("idle sessions (each: LOGIN, SELECT INBOX, IDLE), opened in two halves; memory read at rest before, after the first");
            Console.WriteLine($"half and after all (3 s after the last session opened; for {ours} after an induced full GC, so logins' garbage is not counted);");
            Console.WriteLine("'2nd half' = growth over the second half only (the marginal cost); 'at 10,000' = RSS before + 10,000 x kB RSS/session:");
            List<string[]> table =
            [
                [
                    "server", "idle", "failed", "open s", "RSS before→half→after MB", "kB RSS/session", "2nd half", "PSS before→after MB",
                    "kB PSS/session", "2nd half", "processes", "at 10,000 (RSS)",
                ],
            ];
            foreach (var row in idle)
            {
                var n = L(row[3]);
                var rss = PerSession(row[6], row[7], n);
                var pss = PerSession(row[8], row[9], n);
                var secondHalf = n - L(row[16]);
                var projected = L(row[6]) + rss * 10_000;
                table.Add([
                    row[1] + (row[1] == ours ? " (dotnet process)" : " (all processes)"), row[3], row[4], D(row[5]).ToString("N1", Invariant),
                    $"{Mb(row[6])}→{Mb(row[17])}→{Mb(row[7])}", rss.ToString("N1", Invariant), PerSession(row[17], row[7], secondHalf).ToString("N1", Invariant),
                    $"{Mb(row[8])}→{Mb(row[9])}", pss.ToString("N1", Invariant), PerSession(row[18], row[9], secondHalf).ToString("N1", Invariant),
                    $"{row[10]}→{row[11]}", (projected / 1024).ToString("N0", Invariant) + " MB",
                ]);
                if (L(row[4]) > 0)
                {
                    failed = true;
                }

                if (row[1] == ours)
                {
                    var slapd = $"our slapd RSS {Mb(row[12])}→{Mb(row[13])} MB (not counted above); VmHWM {Mb(row[14])} MB";
                    targets.Add([$"memory per idle session <= {BenchPlan.IdleSessionTargetKb:N0} kB ({ours}, RSS, {n} sessions)",
                        rss.ToString("N1", Invariant) + " kB", Verdict(n > 0 && rss <= BenchPlan.IdleSessionTargetKb) + "   " + slapd]);
                    targets.Add(["10,000 idle sessions < 1 GiB (RSS at rest + 10,000 x per session)",
                        (projected / 1024).ToString("N0", Invariant) + " MB", Verdict(n > 0 && projected < 1024 * 1024)]);
                }
            }

            Print(table);
            foreach (var row in idle.Where(r => r[15].Length > 0))
            {
                Console.WriteLine($"  {row[1]}: first failure: {row[15]}");
            }
        }

        // -------------------------------------------------------------------------------------------------- mbsync
        var pulls = rows.Where(r => r[0] == "mbsync").ToList();
        if (pulls.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("mbsync: full pull of INBOX into an empty Maildir (isync, AuthMechs LOGIN, SSLType None), best and median of the runs;");
            Console.WriteLine($"  {ours} and {reference} = mbsync's defaults (it uses COMPRESS=DEFLATE, which both offer), -nocompress = DisableExtensions COMPRESS=DEFLATE;");
            Console.WriteLine("  each variant is compared with the same variant of the other server:");
            List<string[]> table = [["server", "runs", "best s", "median s", "messages", "msgs/s (best)", "notes"]];
            var medians = new Dictionary<string, double>();
            foreach (var group in pulls.GroupBy(r => r[1]))
            {
                var good = group.Where(r => r[5] == "0" && L(r[4]) == 1000).Select(r => D(r[3])).Order().ToList();
                var bad = group.Where(r => r[5] != "0" || L(r[4]) != 1000).ToList();
                if (bad.Count > 0)
                {
                    failed = true;
                }

                var median = good.Count > 0 ? good[good.Count / 2] : double.NaN;
                medians[group.Key] = median;
                table.Add([
                    group.Key, group.Count().ToString(Invariant), good.Count > 0 ? good[0].ToString("N2", Invariant) : "ERR",
                    good.Count > 0 ? median.ToString("N2", Invariant) : "ERR", string.Join("/", group.Select(r => r[4]).Distinct()),
                    good.Count > 0 ? (1000 / good[0]).ToString("N0", Invariant) : "-",
                    string.Join("; ", bad.Select(r => $"run {r[2]}: exit {r[5]}, {r[4]} messages: {r[6]}")),
                ]);
            }

            Print(table);
            foreach (var (label, mo) in medians.Where(m => m.Key == ours || m.Key.StartsWith(ours + "-", StringComparison.Ordinal)))
            {
                var counterpart = reference + label[ours.Length..];
                if (medians.TryGetValue(counterpart, out var mr))
                {
                    targets.Add([$"mbsync pull from {label} no slower than from {counterpart} (median)", string.Create(Invariant, $"{mo:N2} s vs {mr:N2} s"),
                        Verdict(!double.IsNaN(mo) && !double.IsNaN(mr) && mo <= mr)]);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("targets (a MISS does not fail the run):");
        var width = targets.Count == 0 ? 0 : targets.Max(t => t[0].Length);
        var valueWidth = targets.Count == 0 ? 0 : targets.Max(t => t[1].Length);
        foreach (var t in targets)
        {
            Console.WriteLine($"  {t[0].PadRight(width)}  {t[1].PadRight(valueWidth)}  {t[2]}");
        }

        Console.WriteLine(string.Create(Invariant, $"  {targets.Count(t => t[2].StartsWith("PASS", StringComparison.Ordinal))} PASS, {targets.Count(t => t[2].StartsWith("MISS", StringComparison.Ordinal))} MISS"));
        if (failed)
        {
            Console.WriteLine("SOME OPERATIONS FAILED OR A COUNT DID NOT MATCH: see the failures above");
        }

        return failed ? 1 : 0;
    }

    private static double? Rate(string[]? row) => row is null || L(row[3]) == 0 ? null : D(row[3]) / D(row[5]);

    private static string RateCell(string[]? row) =>
        row is null ? "-"
        : L(row[3]) == 0 ? "ERR"
        : (D(row[3]) / D(row[5])).ToString("N1", Invariant) + (L(row[4]) > 0 ? " ERR" : "");

    private static string CpuCell(string[]? row) =>
        row is null || L(row[3]) == 0 ? "-" : (D(row[6]) * 1000 / D(row[3])).ToString("N2", Invariant);

    private static string Notes(string[]? a, string[]? b, string ours, string reference)
    {
        var notes = new List<string>();
        if (a is not null && a[11].Length > 0)
        {
            notes.Add($"{ours}: {a[11]}");
        }

        if (b is not null && b[11].Length > 0)
        {
            notes.Add($"{reference}: {b[11]}");
        }

        return string.Join("; ", notes);
    }

    private static double PerSession(string before, string after, long sessions) =>
        sessions > 0 ? (L(after) - L(before)) / (double)sessions : double.NaN;

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string Mb(string kb) => (L(kb) / 1024.0).ToString("N0", Invariant);

    private static double D(string s) => double.Parse(s, Invariant);

    private static long L(string s) => long.Parse(s, Invariant);

    private static void Print(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            Console.WriteLine(string.Join("  ", rows[i].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0)
            {
                Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }
}
