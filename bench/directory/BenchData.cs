namespace DirectoryBench;

/// <summary>What the loader put in the directory, as the benchmarks need it.</summary>
/// <param name="Logins">Accounts with a real password, for the bind benchmark.</param>
/// <param name="ResolveSet">Existing account addresses spread over the bulk data, for the resolution benchmarks.</param>
/// <param name="TopGroup">The group whose expansion yields every bulk account.</param>
internal sealed record BenchData(IReadOnlyList<string> Logins, IReadOnlyList<string> ResolveSet, string TopGroup);
