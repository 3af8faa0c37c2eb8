namespace Mail.Server.Cli;

/// <summary>A command-line mistake; the message is the one line printed before exiting non-zero.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with its own exit code (such as <see cref="ExitCodes.DataError"/> for a damaged store).</summary>
    public CliException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CliException()
    {
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = ExitCodes.Rejected;
}
