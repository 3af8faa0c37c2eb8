using System.Globalization;
using System.Text;

namespace Mail.Server.Imap;

/// <summary>Writes ascending numbers as a compact IMAP set ("1:3,7,9:12") for COPYUID, VANISHED and ESEARCH.</summary>
internal static class UidSet
{
    public static string Format(IEnumerable<long> ascending)
    {
        var text = new StringBuilder();
        long? start = null, previous = null;
        foreach (var value in ascending)
        {
            if (previous is { } p && value == p + 1)
            {
                previous = value;
                continue;
            }

            Append(text, start, previous);
            start = previous = value;
        }

        Append(text, start, previous);
        return text.ToString();
    }

    private static void Append(StringBuilder text, long? start, long? end)
    {
        if (start is not { } s || end is not { } e)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(s.ToString(CultureInfo.InvariantCulture));
        if (e != s)
        {
            text.Append(':').Append(e.ToString(CultureInfo.InvariantCulture));
        }
    }
}
