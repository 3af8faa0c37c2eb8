using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>LIST (RFC 9051 6.3.9) with LIST-EXTENDED selection and return options (RFC 5258: SUBSCRIBED,
/// RECURSIVEMATCH, SPECIAL-USE, CHILDREN), SPECIAL-USE attributes (RFC 6154), LIST-STATUS (RFC 5819), and LSUB
/// (IMAP4rev1). Every response carries \HasChildren or \HasNoChildren; a level that only exists as a parent of
/// matching mailboxes is listed as \NonExistent (or \Noselect for LSUB).</summary>
internal sealed class ListCommand(bool lsub) : IImapCommand
{
    public string Name => lsub ? "LSUB" : "LIST";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        var position = 0;
        var selectSubscribed = lsub;
        var selectSpecialUse = false;
        if (!lsub && arguments.Count > 0 && arguments[0].Kind == ImapTokenKind.List)
        {
            foreach (var option in arguments[0].Children.Select(o => o.Keyword))
            {
                switch (option)
                {
                    case "SUBSCRIBED":
                        selectSubscribed = true;
                        break;
                    case "SPECIAL-USE":
                        selectSpecialUse = true;
                        break;
                    case "RECURSIVEMATCH" or "REMOTE":
                        break;
                    default:
                        throw new ImapSyntaxException($"unknown LIST selection option {option}");
                }
            }

            position++;
        }

        if (arguments.Count < position + 2)
        {
            throw new ImapSyntaxException($"{Name} needs a reference and a mailbox pattern");
        }

        var reference = MailboxNames.FromWire(arguments[position], session.Utf8);
        var patternToken = arguments[position + 1];
        var patterns = (patternToken.Kind == ImapTokenKind.List ? patternToken.Children : [patternToken])
            .Select(p => new MailboxPattern(reference, MailboxNames.FromWire(p, session.Utf8))).ToList();
        var (returnSubscribed, statusItems) = ReturnOptions(arguments.Skip(position + 2).ToList());

        if (patterns.Count == 1 && patterns[0].Text.Length == 0)
        {
            // LIST "" "": the hierarchy separator and root.
            session.Output.Write("* " + Name + " (\\Noselect) \"/\" \"\"\r\n");
            return Task.FromResult(ImapCompletion.Ok($"{Name} completed"));
        }

        var mailboxes = session.Services.Store.Index.Mailboxes(session.Account);
        var names = mailboxes.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mailbox in mailboxes.OrderBy(m => m.Name != StandardMailboxes.Inbox).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            if ((selectSubscribed && !mailbox.Subscribed) || (selectSpecialUse && mailbox.SpecialUse is null))
            {
                continue;
            }

            if (patterns.Any(p => p.Matches(mailbox.Name)))
            {
                listed.Add(mailbox.Name);
                WriteLine(session, mailbox.Name, Attributes(mailbox, names, returnSubscribed || selectSubscribed || lsub));
                if (statusItems is not null)
                {
                    StatusItems.Write(session, mailbox, statusItems);
                }
            }
        }

        // Parents that do not exist themselves but have matching-level children ("%" patterns).
        foreach (var parent in ParentsMatching(names, patterns).Where(p => !listed.Contains(p) && !names.Contains(p)))
        {
            WriteLine(session, parent, lsub ? "\\Noselect" : "\\NonExistent \\HasChildren");
        }

        return Task.FromResult(ImapCompletion.Ok($"{Name} completed"));
    }

    // RETURN (SPECIAL-USE) and (CHILDREN) change nothing: those attributes are always sent.
    private static (bool Subscribed, IReadOnlyList<string>? Status) ReturnOptions(List<ImapToken> rest)
    {
        if (rest.Count == 0)
        {
            return (false, null);
        }

        if (rest.Count != 2 || rest[0].Keyword != "RETURN" || rest[1].Kind != ImapTokenKind.List)
        {
            throw new ImapSyntaxException("expected RETURN (options)");
        }

        var subscribed = false;
        IReadOnlyList<string>? status = null;
        var options = rest[1].Children;
        for (var i = 0; i < options.Count; i++)
        {
            switch (options[i].Keyword)
            {
                case "SUBSCRIBED":
                    subscribed = true;
                    break;
                case "SPECIAL-USE" or "CHILDREN":
                    break;
                case "STATUS" when i + 1 < options.Count:
                    status = StatusItems.Parse(options[++i]);
                    break;
                default:
                    throw new ImapSyntaxException($"unknown LIST return option {options[i]}");
            }
        }

        return (subscribed, status);
    }

    private static string Attributes(MailboxInfo mailbox, HashSet<string> names, bool subscribed)
    {
        var attributes = new List<string>
        {
            names.Any(n => n.StartsWith(mailbox.Name + MailboxCatalog.Separator, StringComparison.Ordinal)) ? "\\HasChildren" : "\\HasNoChildren",
        };
        if (subscribed && mailbox.Subscribed)
        {
            attributes.Add("\\Subscribed");
        }

        if (mailbox.SpecialUse is { } role)
        {
            attributes.Add(role);
        }

        return string.Join(' ', attributes);
    }

    private static SortedSet<string> ParentsMatching(HashSet<string> names, List<MailboxPattern> patterns)
    {
        var parents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var cut = name.LastIndexOf(MailboxCatalog.Separator);
            while (cut > 0)
            {
                var parent = name[..cut];
                // Only where the pattern stops at this level ("%"): with "*" the children themselves match.
                if (patterns.Any(p => p.Matches(parent) && !names.Any(n => n.StartsWith(parent + MailboxCatalog.Separator, StringComparison.Ordinal) && p.Matches(n))))
                {
                    parents.Add(parent);
                }

                cut = parent.LastIndexOf(MailboxCatalog.Separator);
            }
        }

        return parents;
    }

    private void WriteLine(ImapSession session, string name, string attributes)
    {
        session.Output.Write($"* {Name} ({attributes}) \"/\" ");
        MailboxArgument.Write(session, name);
        session.Output.Write("\r\n"u8);
    }
}
