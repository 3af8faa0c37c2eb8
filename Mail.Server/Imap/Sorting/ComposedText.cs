using System.Text;

namespace Mail.Server.Imap.Sorting;

/// <summary>Unicode normalisation form C for text that is compared by octets: Vietnamese typed with combining marks
/// (NFD, common from macOS) must compare equal to the same text precomposed.</summary>
internal static class ComposedText
{
    /// <summary>The NFC form of <paramref name="text"/> (unchanged when it cannot be normalised).</summary>
    public static string Of(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; its octets still sort consistently as they are.
            return text;
        }
    }
}
