namespace ImapBench;

/// <summary>The fixed shape of the benchmark: mailbox, concurrency, search keys and targets. Durations and counts
/// come from run.sh (QUICK=1 shortens them).</summary>
internal static class BenchPlan
{
    public const int Messages = 1000;

    public const int Seed = 1;

    public const int Workers = 10;

    /// <summary>Size of the message the APPEND measurement saves.</summary>
    public const int AppendSize = 10 * 1024;

    /// <summary>In English subjects only ("Weekly report #7").</summary>
    public const string SubjectWord = "report";

    /// <summary>In Vietnamese subjects only ("Họp giao ban tuần 3"), sent as a UTF-8 literal.</summary>
    public const string SubjectWordVietnamese = "họp";

    /// <summary>In the addresses of every "Nguyễn" sender.</summary>
    public const string FromWord = "nguyen";

    /// <summary>Target: kB of server memory per idle session (10,000 IDLE sessions in under 1 GiB).</summary>
    public const double IdleSessionTargetKb = 50;
}
