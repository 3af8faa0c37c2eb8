namespace Mail.Server.Imap.Sorting;

/// <summary>The THREAD algorithms of RFC 5256 section 3.</summary>
internal enum ThreadAlgorithm
{
    /// <summary>"Poor man's threading": one thread per base subject, flat under its earliest message.</summary>
    OrderedSubject,

    /// <summary>The JWZ-derived algorithm over References, In-Reply-To and Message-ID, then base subjects.</summary>
    References,
}
