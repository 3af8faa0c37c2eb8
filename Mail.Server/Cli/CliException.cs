namespace Mail.Server.Cli;

/// <summary>A command-line mistake; the message is the one line printed before exiting non-zero.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CliException()
    {
    }
}
