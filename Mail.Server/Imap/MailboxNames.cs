using System.Text;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap;

/// <summary>Mailbox names between the wire and the store: modified UTF-7 or UTF-8 (after ENABLE UTF8=ACCEPT) on the
/// wire, Unicode NFC in the store, "/" as separator; names that could escape the account or confuse clients are
/// refused.</summary>
internal static class MailboxNames
{
    /// <summary>The longest name accepted, in characters.</summary>
    public const int MaxLength = 200;

    /// <summary>The store's name for a mailbox argument; throws <see cref="ImapSyntaxException"/> when malformed.</summary>
    public static string FromWire(ImapToken token, bool utf8)
    {
        if (token.Kind == ImapTokenKind.List)
        {
            throw new ImapSyntaxException("expected a mailbox name");
        }

        var text = utf8 ? Encoding.UTF8.GetString(token.Value.Span) : ModifiedUtf7.Decode(Encoding.Latin1.GetString(token.Value.Span));
        return MailboxCatalog.Canonical(text.Normalize(NormalizationForm.FormC));
    }

    /// <summary>The wire form of a stored name.</summary>
    public static string ToWire(string name, bool utf8) => utf8 ? name : ModifiedUtf7.Encode(name);

    /// <summary>Why a name cannot be created, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0 || name.Length > MaxLength)
        {
            return $"mailbox names have 1 to {MaxLength} characters";
        }

        if (name.StartsWith(MailboxCatalog.Separator) || name.EndsWith(MailboxCatalog.Separator)
            || name.Contains("//", StringComparison.Ordinal))
        {
            return "empty level in the mailbox name";
        }

        if (name.Any(c => char.IsControl(c) || c is '*' or '%' or '\\' or '"'))
        {
            return "mailbox names may not contain control characters, *, %, \\ or \"";
        }

        return name.Split(MailboxCatalog.Separator).Any(level => level is "." or "..") ? "\".\" and \"..\" are not mailbox names" : null;
    }
}
