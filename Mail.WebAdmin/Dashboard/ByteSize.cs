using System.Globalization;

namespace Mail.WebAdmin.Dashboard;

/// <summary>Octet counts as people read them (binary units, one decimal, the page's number format).</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes, CultureInfo culture)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes.ToString("N0", culture)} B" : $"{value.ToString("N1", culture)} {Units[unit]}";
    }
}
