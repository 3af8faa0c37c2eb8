namespace Mail.Server.Auth;

/// <summary>The inbound authentication checks of mail from other servers (the <c>Mail:Auth</c> section).</summary>
public sealed class InboundAuthOptions
{
    /// <summary>The Debian <c>publicsuffix</c> package's list, used to find organisational domains.</summary>
    public const string DebianPublicSuffixList = "/usr/share/publicsuffix/public_suffix_list.dat";

    /// <summary>Check SPF, DKIM and DMARC on the MX port (on by default; off stamps nothing and rejects nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What a DMARC failure under p=reject does: <c>reject</c> (550 5.7.1 at the end of DATA, the default) or
    /// <c>quarantine</c> (delivered into the recipients' Junk mailbox instead).</summary>
    public string DmarcReject { get; set; } = "reject";

    /// <summary>The Public Suffix List file; when it is missing a small built-in list is used (see
    /// <see cref="PublicSuffixList"/>).</summary>
    public string PublicSuffixList { get; set; } = DebianPublicSuffixList;

    /// <summary>How long all checks of one message may take together (SPF alone may make ten lookups); past it every
    /// result is temperror and the message is delivered, so slow DNS never holds a sender for minutes.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>True when p=reject failures go to Junk instead of being refused.</summary>
    public bool QuarantineInsteadOfReject => string.Equals(DmarcReject, "quarantine", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the first configuration error, or null.</summary>
    public string? Validate() =>
        TimeoutSeconds is < 1 or > 300 ? $"Mail:Auth:TimeoutSeconds must be between 1 and 300, not {TimeoutSeconds}"
        : string.Equals(DmarcReject, "reject", StringComparison.OrdinalIgnoreCase) || QuarantineInsteadOfReject
            ? null
            : $"Mail:Auth:DmarcReject must be 'reject' or 'quarantine', not '{DmarcReject}'";
}
