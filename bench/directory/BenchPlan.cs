namespace DirectoryBench;

/// <summary>The fixed shape of the benchmark: data set, concurrency, durations and targets.</summary>
internal static class BenchPlan
{
    public const string Domain = "bench.edu.vn";

    /// <summary>Satisfies PasswordPolicy for every generated local part.</summary>
    public const string Password = "Str0ng-Pass!word";

    public const int Callers = 8;

    /// <summary>Accounts created through AccountDirectory.AddAsync, so slapd holds a real {ARGON2} hash to bind against.</summary>
    public const int LoginAccounts = 200;

    /// <summary>Addresses the resolution benchmarks cycle through.</summary>
    public const int ResolveSetSize = 200;

    /// <summary>Fan-out of the two upper levels of the group tree: top → 10 groups → 10 groups each.</summary>
    public const int Branches = 10;

    /// <summary>Accounts in each of the 100 leaf groups.</summary>
    public const int LeafSize = 100;

    public const int BulkAccounts = Branches * Branches * LeafSize;

    public const int ExpansionRuns = 5;

    public const double CachedResolveTarget = 100_000;

    public const double UncachedResolveTarget = 5_000;

    public static readonly TimeSpan ExpansionTarget = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    /// <summary>Untimed run before each measurement: JIT, thread-pool growth and connection set-up are not measured.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);
}
