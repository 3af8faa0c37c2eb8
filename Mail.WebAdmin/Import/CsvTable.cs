using System.Text;

namespace Mail.WebAdmin.Import;

/// <summary>Reads CSV as spreadsheets write it (RFC 4180): quoted fields with "" for a quote and line breaks inside
/// quotes, CRLF or LF, a UTF-8 byte order mark (Excel's "CSV UTF-8") ignored, comma or — when the first line has no
/// comma but a semicolon, as Excel writes under a Vietnamese locale — semicolon. A malformed record becomes a
/// <see cref="CsvRecord"/> with an error instead of stopping the file, so every bad row can be reported at once.</summary>
internal static class CsvTable
{
    /// <summary>The codes of <see cref="CsvRecord.Error"/> (also the keys of their translated names, prefixed
    /// "Import.Malformed.").</summary>
    public static readonly IReadOnlyList<string> Errors = ["unterminated-quote", "text-after-quote", "quote-in-field"];

    /// <summary>The records of <paramref name="text"/>, blank lines left out.</summary>
    public static IReadOnlyList<CsvRecord> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var separator = SeparatorOf(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        string? error = null;
        var i = 0;
        while (i <= text.Length)
        {
            var atEnd = i == text.Length;
            var c = atEnd ? '\n' : text[i];
            if (c == '"' && field.Length == 0 && error is null)
            {
                var closed = false;
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                }

                if (!closed)
                {
                    error = "unterminated-quote";
                    i = text.Length;
                }
                else if (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                {
                    error = "text-after-quote";
                }

                continue;
            }

            if (c == separator && error is null)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] == '\n')))
            {
                if (c == '\r')
                {
                    i++;
                }

                fields.Add(field.ToString());
                if (error is not null || fields.Count > 1 || fields[0].Trim().Length > 0)
                {
                    records.Add(new CsvRecord(recordLine, fields.ToArray(), error));
                }

                fields.Clear();
                field.Clear();
                error = null;
                line++;
                recordLine = line;
            }
            else if (c == '"' && error is null)
            {
                error = "quote-in-field";
            }
            else if (error is null)
            {
                field.Append(c);
            }

            i++;
        }

        return records;
    }

    private static char SeparatorOf(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text : text[..end];
        return !first.Contains(',', StringComparison.Ordinal) && first.Contains(';', StringComparison.Ordinal) ? ';' : ',';
    }
}
