namespace Mail.Directory.Ldap;

/// <summary>A management request that the directory's rules refuse (duplicate, unknown domain, cycle...);
/// the message is one sentence fit to show the person who asked, in English, and <see cref="Reason"/> with
/// <see cref="Arguments"/> say the same for a user interface that speaks another language.</summary>
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

    /// <summary>Creates the exception with its reason, the English sentence and the reason's arguments.</summary>
    public DirectoryRequestRejectedException(DirectoryRefusal reason, string message, params string[] arguments)
        : base(message)
    {
        Reason = reason;
        Arguments = arguments;
    }

    /// <summary>Creates the exception with its reason, the English sentence, a cause and the reason's arguments.</summary>
    public DirectoryRequestRejectedException(DirectoryRefusal reason, string message, Exception inner, params string[] arguments)
        : base(message, inner)
    {
        Reason = reason;
        Arguments = arguments;
    }

    /// <summary>Why, as a code (<see cref="DirectoryRefusal.Unspecified"/> when only the message says).</summary>
    public DirectoryRefusal Reason { get; }

    /// <summary>The addresses, domains or numbers the reason names, in the order its documentation gives.</summary>
    public IReadOnlyList<string> Arguments { get; } = [];
}
