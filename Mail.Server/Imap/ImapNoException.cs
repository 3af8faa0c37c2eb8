namespace Mail.Server.Imap;

/// <summary>A command that cannot be done for a reason the client should read (answered NO with the text, which
/// may start with a response code such as [NONEXISTENT]).</summary>
public sealed class ImapNoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImapNoException()
    {
    }

    /// <summary>Creates the exception with the text after NO.</summary>
    public ImapNoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the text after NO and a cause.</summary>
    public ImapNoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
