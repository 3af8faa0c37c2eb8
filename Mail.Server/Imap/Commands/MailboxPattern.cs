using System.Text;
using System.Text.RegularExpressions;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>A LIST pattern (reference + mailbox with "*" and "%", RFC 9051 6.3.9) matched against store names;
/// INBOX matches in any case.</summary>
internal sealed class MailboxPattern
{
    private readonly Regex _regex;

    public MailboxPattern(string reference, string pattern)
    {
        var full = reference + pattern;
        if (full.Length >= 5 && full.StartsWith(StandardMailboxes.Inbox, StringComparison.OrdinalIgnoreCase)
            && (full.Length == 5 || full[5] == MailboxCatalog.Separator))
        {
            full = StandardMailboxes.Inbox + full[5..];
        }

        var expression = new StringBuilder("^");
        foreach (var c in full)
        {
            expression.Append(c switch
            {
                '*' => ".*",
                '%' => "[^/]*",
                _ => Regex.Escape(c.ToString()),
            });
        }

        _regex = new Regex(expression.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Text = full;
    }

    /// <summary>The pattern as matched (reference prepended).</summary>
    public string Text { get; }

    public bool Matches(string name) => _regex.IsMatch(name);
}
