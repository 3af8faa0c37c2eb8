namespace Mail.WebAdmin.Engine;

/// <summary>The verdict on one published record.</summary>
public enum DnsCheckStatus
{
    /// <summary>Published and right.</summary>
    Ok,

    /// <summary>Nothing published.</summary>
    Missing,

    /// <summary>Published, but not what the appliance needs.</summary>
    Wrong,

    /// <summary>DNS did not answer (timeout, server failure): nothing can be said now.</summary>
    Unknown,
}
