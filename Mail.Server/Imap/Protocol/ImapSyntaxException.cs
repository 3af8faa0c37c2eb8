namespace Mail.Server.Imap.Protocol;

/// <summary>A command the client got wrong: answered with BAD and the message, never a server fault.</summary>
public sealed class ImapSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImapSyntaxException()
    {
    }

    /// <summary>Creates the exception with the text the client reads.</summary>
    public ImapSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the text the client reads and a cause.</summary>
    public ImapSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
