using System.Globalization;
using System.Text;

namespace Mail.Directory.Addressing;

/// <summary>Text comparison for IMAP SEARCH and the web admin's account search: case-insensitive and, as an improvement for Vietnamese users,
/// diacritic-insensitive ("nguyen" finds "Nguyễn", "do" finds "Đỗ"): both sides are folded to lower case without
/// combining marks, with đ as d.</summary>
public static class SearchText
{
    /// <summary>The folded form of <paramref name="text"/>.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return folded.ToString();
    }

    /// <summary>True when <paramref name="haystack"/> contains <paramref name="foldedNeedle"/> (already folded).</summary>
    public static bool Contains(string? haystack, string foldedNeedle) =>
        haystack is not null && Fold(haystack).Contains(foldedNeedle, StringComparison.Ordinal);
}
