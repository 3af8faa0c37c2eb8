namespace Mail.Directory.Ldap;

/// <summary>The directory could not answer in time: callers must answer "try again later", never "unknown".</summary>
public sealed class DirectoryUnavailableException : Exception
{
    /// <summary>Creates the exception with a reason.</summary>
    public DirectoryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and the transport error behind it.</summary>
    public DirectoryUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic reason.</summary>
    public DirectoryUnavailableException()
        : base("the directory is temporarily unavailable")
    {
    }
}
