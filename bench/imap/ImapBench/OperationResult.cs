namespace ImapBench;

/// <summary>One measured operation against one server.</summary>
internal sealed record OperationResult(
    string Server,
    string Operation,
    long Operations,
    long Failures,
    TimeSpan Elapsed,
    double CpuSeconds,
    ServerMemory Peak,
    string Note,
    string? FirstError)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double CpuMsPerOperation => Operations == 0 ? double.NaN : CpuSeconds * 1000 / Operations;
}
