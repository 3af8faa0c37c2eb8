namespace DirectoryBench;

/// <summary>One line of the result table.</summary>
internal sealed record ResultRow(string Metric, string Measured, string Target, string Verdict, string Notes);

/// <summary>Prints rows as a plain-text table, columns padded to their widest cell.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<ResultRow> rows)
    {
        var header = new ResultRow("metric", "measured", "target", "result", "notes");
        var all = rows.Prepend(header).Select(Cells).ToArray();
        var widths = Enumerable.Range(0, all[0].Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < all.Length; i++)
        {
            Console.WriteLine(string.Join("  ", all[i].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0)
            {
                Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }

    public static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string[] Cells(ResultRow row) => [row.Metric, row.Measured, row.Target, row.Verdict, row.Notes];
}
