namespace Mail.Server.Dkim;

/// <summary>A refused key operation (unknown selector, selector taken, key in the wrong state); the message is
/// the one line the user sees.</summary>
internal sealed class DkimKeyException : Exception
{
    public DkimKeyException(string message)
        : base(message)
    {
    }

    public DkimKeyException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DkimKeyException()
    {
    }
}
