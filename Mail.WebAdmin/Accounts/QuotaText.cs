using System.Globalization;

namespace Mail.WebAdmin.Accounts;

/// <summary>Quotas as the forms show them: whole MiB, empty for the appliance default.</summary>
internal static class QuotaText
{
    private const long Mebibyte = 1024 * 1024;

    /// <summary>Reads a form's value: true with null for empty, true with bytes for a positive whole number of MiB.</summary>
    public static bool TryParse(string? text, out long? bytes)
    {
        bytes = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mebibytes) && mebibytes is > 0 and < long.MaxValue / Mebibyte)
        {
            bytes = mebibytes * Mebibyte;
            return true;
        }

        return false;
    }

    /// <summary>A quota as the form's value.</summary>
    public static string Format(long? bytes) =>
        bytes is { } b ? (b / Mebibyte).ToString(CultureInfo.InvariantCulture) : string.Empty;
}
