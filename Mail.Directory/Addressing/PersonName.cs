using System.Text;

namespace Mail.Directory.Addressing;

/// <summary>A person's display name in NFC, split the Vietnamese way: family name first, given name last.</summary>
public sealed record PersonName
{
    private const int MaxLength = 200;

    private PersonName(string full, string family, string given)
    {
        Full = full;
        Family = family;
        Given = given;
    }

    /// <summary>The whole name as written, NFC-normalised, single-spaced.</summary>
    public string Full { get; }

    /// <summary>The first word ("Nguyễn" in "Nguyễn Văn An"); the whole name when it is one word.</summary>
    public string Family { get; }

    /// <summary>The last word ("An" in "Nguyễn Văn An").</summary>
    public string Given { get; }

    /// <summary>Parses a display name or throws <see cref="FormatException"/>.</summary>
    public static PersonName Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("a name is required");
        }

        var normalized = text.Normalize(NormalizationForm.FormC);
        var words = normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var full = string.Join(' ', words);
        if (full.Length > MaxLength)
        {
            throw new FormatException($"the name is longer than {MaxLength} characters");
        }

        foreach (var c in full)
        {
            if (char.IsControl(c))
            {
                throw new FormatException("the name contains a control character");
            }
        }

        return new PersonName(full, words[0], words[^1]);
    }
}
