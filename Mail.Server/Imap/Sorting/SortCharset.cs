using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Sorting;

/// <summary>The charset argument SORT and THREAD require (RFC 5256 section 3): UTF-8 and US-ASCII, which every
/// search string here is read as anyway.</summary>
internal static class SortCharset
{
    /// <summary>The NO text for any other charset, with the supported ones (RFC 9051 7.1 BADCHARSET).</summary>
    public const string Refusal = "[BADCHARSET (UTF-8 US-ASCII)] unsupported charset";

    /// <summary>True for UTF-8 or US-ASCII, in any case, as an atom or a string.</summary>
    public static bool IsSupported(ImapToken token) =>
        token.Kind != ImapTokenKind.List && token.Text.ToUpperInvariant() is "UTF-8" or "US-ASCII";
}
