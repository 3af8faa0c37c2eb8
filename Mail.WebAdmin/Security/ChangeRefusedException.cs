namespace Mail.WebAdmin.Security;

/// <summary>A change the user may make in general that a rule refuses this time (removing the last administrator,
/// changing one's own role): the page shows the sentence <see cref="Key"/> names, translated, beside the form.</summary>
internal sealed class ChangeRefusedException : Exception
{
    public ChangeRefusedException()
    {
    }

    public ChangeRefusedException(string key)
        : base(key)
    {
        Key = key;
    }

    public ChangeRefusedException(string key, Exception innerException)
        : base(key, innerException)
    {
        Key = key;
    }

    /// <summary>Refuses with the sentence <paramref name="key"/> (a SharedResource key) citing <paramref name="arguments"/>.</summary>
    public ChangeRefusedException(string key, params string[] arguments)
        : base(key)
    {
        Key = key;
        Arguments = arguments;
    }

    /// <summary>The SharedResource key of the sentence saying why.</summary>
    public string Key { get; } = "Error.Rejected";

    /// <summary>What the sentence cites.</summary>
    public IReadOnlyList<string> Arguments { get; } = [];
}
