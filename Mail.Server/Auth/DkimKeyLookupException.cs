namespace Mail.Server.Auth;

/// <summary>A DKIM public key could not be had: for now (DNS failed, <see cref="Temporary"/>) or for good (no key
/// record, or one that cannot be used).</summary>
public sealed class DkimKeyLookupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DkimKeyLookupException(string message, bool temporary)
        : base(message) => Temporary = temporary;

    /// <summary>Creates a permanent failure.</summary>
    public DkimKeyLookupException()
        : this("no DKIM key", temporary: false)
    {
    }

    /// <summary>Creates a permanent failure.</summary>
    public DkimKeyLookupException(string message)
        : this(message, temporary: false)
    {
    }

    /// <summary>Creates a permanent failure with its cause.</summary>
    public DkimKeyLookupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when asking again later may succeed (temperror), false for permerror.</summary>
    public bool Temporary { get; }
}
