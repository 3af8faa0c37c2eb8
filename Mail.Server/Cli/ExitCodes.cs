namespace Mail.Server.Cli;

/// <summary>Process exit codes of the CLI (sysexits-style where one fits).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;
    public const int DataError = 65;
    public const int Unavailable = 75;
}
