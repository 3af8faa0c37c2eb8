namespace Mail.WebAdmin.Import;

/// <summary>One record of a CSV file.</summary>
/// <param name="Line">The line it starts on (from 1), as a spreadsheet user counts them.</param>
/// <param name="Fields">Its fields, unquoted.</param>
/// <param name="Error">Why it is malformed (<c>unterminated-quote</c>, <c>text-after-quote</c>, <c>quote-in-field</c>),
/// null when it is well formed.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);
