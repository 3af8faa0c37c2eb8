using System.Text;
using Mail.Directory.Addressing;

namespace Mail.WebAdmin.Import;

/// <summary>The address convention of Vietnamese education authorities: the given name (the last word) followed by the
/// initials of the family and middle names, without diacritics and with đ as d ("Nguyễn Văn An" → <c>annv</c>); a
/// taken address gets the next free number (<c>annv2</c>, <c>annv3</c>, …).</summary>
internal static class AddressConvention
{
    /// <summary>The local part the convention makes of <paramref name="name"/> (any Unicode normalisation); null when
    /// the name has no letter or digit of the Latin alphabet to build one from.</summary>
    public static string? LocalPart(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var words = name.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(Letters).Where(w => w.Length > 0).ToArray();
        if (words.Length == 0)
        {
            return null;
        }

        var local = new StringBuilder(words[^1]);
        foreach (var word in words.AsSpan(0, words.Length - 1))
        {
            local.Append(word[0]);
        }

        return local.ToString();
    }

    /// <summary>The first of <paramref name="local"/>@<paramref name="domain"/>, <c>local2@</c>, <c>local3@</c>, … not in
    /// <paramref name="taken"/> (lower-case addresses).</summary>
    public static string FreeAddress(string local, string domain, IReadOnlySet<string> taken)
    {
        var address = $"{local}@{domain}";
        for (var n = 2; taken.Contains(address); n++)
        {
            address = $"{local}{n}@{domain}";
        }

        return address;
    }

    // "Nguyễn" → "nguyen", "Đỗ" → "do", "Ngô-Thị" → "ngothi": the letters a mail address may carry without quoting.
    private static string Letters(string word)
    {
        var folded = SearchText.Fold(word);
        var letters = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                letters.Append(c);
            }
        }

        return letters.ToString();
    }
}
