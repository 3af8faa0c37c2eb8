namespace Mail.Server.Queue;

/// <summary>Every recipient of a transaction was refused; the refusals are in <see cref="OutboundSmtpClient.Refused"/>.</summary>
public sealed class NoRecipientAcceptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NoRecipientAcceptedException()
        : base("the server accepted none of the recipients")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoRecipientAcceptedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NoRecipientAcceptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
