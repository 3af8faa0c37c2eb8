namespace Mail.Server.Auth;

/// <summary>The result keywords of RFC 8601 section 2.7 that SPF, DKIM and DMARC report.</summary>
public enum AuthResult
{
    /// <summary>Nothing to check (no record, no signature).</summary>
    None,

    /// <summary>The check passed.</summary>
    Pass,

    /// <summary>The check failed.</summary>
    Fail,

    /// <summary>SPF: the domain says the host is probably not authorised.</summary>
    SoftFail,

    /// <summary>SPF: the domain makes no assertion about the host.</summary>
    Neutral,

    /// <summary>A temporary error (usually DNS); trying again later may give a real result.</summary>
    TempError,

    /// <summary>A permanent error: the published record or the signature cannot be used.</summary>
    PermError,
}
