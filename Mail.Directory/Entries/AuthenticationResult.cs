namespace Mail.Directory;

/// <summary>The result of a password check; <see cref="Account"/> is the primary address on success.</summary>
public sealed record AuthenticationResult(AuthenticationOutcome Outcome, string? Account)
{
    /// <summary>True on success.</summary>
    public bool Succeeded => Outcome == AuthenticationOutcome.Success;
}
