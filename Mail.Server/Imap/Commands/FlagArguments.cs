using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>Reads flag lists (STORE, APPEND): system flags in canonical spelling, keywords as atoms; \Recent and
/// unknown system flags are refused.</summary>
internal static class FlagArguments
{
    public static IReadOnlyList<string> Parse(IEnumerable<ImapToken> tokens)
    {
        var flags = new List<string>();
        foreach (var token in tokens)
        {
            if (token.Kind != ImapTokenKind.Atom)
            {
                throw new ImapSyntaxException("flags are atoms");
            }

            var text = token.Text;
            if (text.StartsWith('\\'))
            {
                flags.Add(MessageFlags.CanonicalSystem(text) ?? throw new ImapSyntaxException($"{text} cannot be set"));
            }
            else if (text.Length > 100 || text.Any(c => c is '*' or '%' or ']' or '[' || c > '~'))
            {
                throw new ImapSyntaxException($"invalid keyword {text}");
            }
            else
            {
                flags.Add(text);
            }
        }

        return flags;
    }
}
