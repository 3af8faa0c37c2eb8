namespace Mail.Directory.Ldap;

/// <summary>A management request that the directory's rules refuse (duplicate, unknown domain, cycle...);
/// the message is one sentence fit to show the person who asked.</summary>
public sealed class DirectoryRequestRejectedException : Exception
{
    /// <summary>Creates the exception with the sentence to show.</summary>
    public DirectoryRequestRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the sentence to show and a cause.</summary>
    public DirectoryRequestRejectedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic sentence.</summary>
    public DirectoryRequestRejectedException()
        : base("the directory refused the request")
    {
    }
}
