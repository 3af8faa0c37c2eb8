namespace Mail.Server.Dkim;

/// <summary>Where a key is in its life: signing, generated and waiting for its DNS record, or replaced.</summary>
internal enum DkimKeyState
{
    /// <summary>Signs outgoing mail (one per algorithm and domain).</summary>
    Active,

    /// <summary>Generated so its TXT record can be published before it signs (rotation).</summary>
    Pending,

    /// <summary>Replaced by a newer key; kept so its record can be left up while signed mail is still in flight.</summary>
    Retired,
}
