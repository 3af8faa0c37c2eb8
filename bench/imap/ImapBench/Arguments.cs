using System.Globalization;

namespace ImapBench;

/// <summary>The command line: a command, then <c>--key value</c> pairs; <c>--server</c> may repeat.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, List<string>> values = [];

    private Arguments(string command)
    {
        Command = command;
    }

    public string Command { get; }

    public static Arguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("usage: ImapBench load|workload|idle|report --results FILE [--server NAME:PORT:process|tree:PID:USER:PASSWORD]… [options]");
        }

        var parsed = new Arguments(args[0]);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --key value at '{args[i]}'");
            }

            var key = args[i][2..];
            if (!parsed.values.TryGetValue(key, out var list))
            {
                parsed.values[key] = list = [];
            }

            list.Add(args[i + 1]);
        }

        return parsed;
    }

    public string Text(string key, string? fallback = null) =>
        values.TryGetValue(key, out var list) ? list[^1] : fallback ?? throw new ArgumentException($"--{key} is required");

    public int Int(string key, int fallback) =>
        values.TryGetValue(key, out var list) ? int.Parse(list[^1], CultureInfo.InvariantCulture) : fallback;

    public double Double(string key, double fallback) =>
        values.TryGetValue(key, out var list) ? double.Parse(list[^1], CultureInfo.InvariantCulture) : fallback;

    public List<ServerTarget> Servers() =>
        values.TryGetValue("server", out var list) ? list.Select(ServerTarget.Parse).ToList() : throw new ArgumentException("--server is required");
}
