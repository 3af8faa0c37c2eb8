namespace Mail.Server.Backup;

/// <summary>What <c>verify</c> found: a line per check made, problems (data lost or inconsistent) and warnings
/// (debris the next start cleans up, or things to look at).</summary>
internal sealed class VerifyReport
{
    public List<string> Checks { get; } = [];

    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];
}
