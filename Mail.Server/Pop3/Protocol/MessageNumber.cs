using System.Globalization;

namespace Mail.Server.Pop3.Protocol;

/// <summary>The numeric arguments of POP3: message numbers (1 and up) and TOP's line count (0 and up), in plain
/// decimal digits with no sign, bounded so a long run of digits cannot overflow.</summary>
internal static class MessageNumber
{
    private const int MaxDigits = 9;

    /// <summary>Parses a message number (1 or more).</summary>
    public static bool TryParse(string text, out int number) => TryParseCount(text, out number) && number > 0;

    /// <summary>Parses a count (0 or more).</summary>
    public static bool TryParseCount(string text, out int count)
    {
        count = 0;
        if (text.Length is 0 or > MaxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        count = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
