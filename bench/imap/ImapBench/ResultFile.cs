using System.Globalization;

namespace ImapBench;

/// <summary>
/// The results of one bench run as tab-separated lines, appended by each step (load, workload, idle, and run.sh for
/// mbsync) and read back by <c>report</c>. The first field is the kind: <c>op</c>, <c>idle</c>, <c>load</c>,
/// <c>expect</c>, <c>mbsync</c>, <c>info</c>.
/// </summary>
internal static class ResultFile
{
    private static readonly Lock Gate = new();

    public static void Append(string path, params object[] fields)
    {
        var line = string.Join('\t', fields.Select(Format)) + "\n";
        lock (Gate)
        {
            File.AppendAllText(path, line);
        }
    }

    public static List<string[]> Read(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList()
            : [];

    private static string Format(object value) => (value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    }).Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
