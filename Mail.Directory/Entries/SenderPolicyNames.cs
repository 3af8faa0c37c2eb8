namespace Mail.Directory;

/// <summary>The directory spelling of <see cref="SenderPolicy"/> values.</summary>
public static class SenderPolicyNames
{
    /// <summary>Parses "anyone", "members", "domain" or "senders"; unknown or missing values mean the
    /// safest policy a directory can express without a list, "members".</summary>
    public static bool TryParse(string? text, out SenderPolicy policy)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "anyone": policy = SenderPolicy.Anyone; return true;
            case "members": policy = SenderPolicy.Members; return true;
            case "domain": policy = SenderPolicy.Domain; return true;
            case "senders": policy = SenderPolicy.Senders; return true;
            default: policy = SenderPolicy.Members; return false;
        }
    }

    /// <summary>The directory spelling of a policy.</summary>
    public static string ToName(SenderPolicy policy) => policy.ToString().ToLowerInvariant();
}
