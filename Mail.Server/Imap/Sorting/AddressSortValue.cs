using Mail.Server.Store;

namespace Mail.Server.Imap.Sorting;

/// <summary>What an address list sorts by: the first address's addr-mailbox for FROM, TO and CC (RFC 5256 section 3),
/// its display name or else its address for DISPLAYFROM and DISPLAYTO (RFC 5957 section 3). No address sorts as the
/// empty string, first.</summary>
internal static class AddressSortValue
{
    /// <summary>The addr-mailbox (local part) of the first address.</summary>
    public static string Mailbox(IReadOnlyList<CachedAddress> addresses) =>
        addresses.Count > 0 ? addresses[0].Mailbox ?? string.Empty : string.Empty;

    /// <summary>The decoded display name of the first address if it has a non-empty one, else mailbox@host, else the
    /// mailbox.</summary>
    public static string Display(IReadOnlyList<CachedAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            return string.Empty;
        }

        var (name, mailbox, host) = addresses[0];
        if (!string.IsNullOrEmpty(name))
        {
            // The index holds the name decoded (RFC 2047); NFC so "Bình" typed either way sorts as one name.
            return ComposedText.Of(name);
        }

        return mailbox is not null && host is not null ? mailbox + "@" + host : mailbox ?? string.Empty;
    }
}
