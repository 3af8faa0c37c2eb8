using System.Globalization;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>APPEND (RFC 9051 6.3.12) with MULTIAPPEND (RFC 3502): every message is checked before any is stored,
/// each stored one gets its UID in [APPENDUID] (RFC 4315); literal8 (BINARY) is accepted.</summary>
internal sealed class AppendCommand : IImapCommand
{
    private static readonly string[] DateFormats = ["d-MMM-yyyy HH:mm:ss zzz", "dd-MMM-yyyy HH:mm:ss zzz"];

    public string Name => "APPEND";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        var name = MailboxArgument.Name(session, command, 0);
        var messages = new List<(string Flags, DateTimeOffset Date, ReadOnlyMemory<byte> Body)>();
        var position = 1;
        while (position < arguments.Count)
        {
            var flags = string.Empty;
            if (arguments[position].Kind == ImapTokenKind.List)
            {
                flags = string.Join(' ', FlagArguments.Parse(arguments[position].Children));
                position++;
            }

            var date = DateTimeOffset.UtcNow;
            if (position < arguments.Count && arguments[position].Kind == ImapTokenKind.Quoted)
            {
                date = ParseDate(arguments[position].Text);
                position++;
            }

            // RFC 6855: "UTF8 (~{n})" carries a message with UTF-8 headers from a UTF8=ACCEPT client.
            if (position + 1 < arguments.Count && arguments[position].Keyword == "UTF8" && arguments[position + 1] is { Kind: ImapTokenKind.List, Children.Count: 1 } utf8)
            {
                arguments = [.. arguments.Take(position), utf8.Children[0], .. arguments.Skip(position + 2)];
            }

            if (position >= arguments.Count || arguments[position].Kind != ImapTokenKind.Literal)
            {
                throw new ImapSyntaxException("APPEND needs the message as a literal");
            }

            var body = arguments[position].Value;
            if (!arguments[position].IsBinary && body.Span.Contains((byte)0))
            {
                return ImapCompletion.No("[UNKNOWN-CTE] NUL octets need a literal8 (~{n})");
            }

            if (body.IsEmpty)
            {
                return ImapCompletion.No("empty messages are not stored");
            }

            messages.Add((flags, date, body));
            position++;
        }

        if (messages.Count == 0)
        {
            throw new ImapSyntaxException("APPEND needs a message");
        }

        var mailbox = session.Services.Store.Index.Catalog.Find(session.Account, name)
            ?? throw new ImapNoException("[TRYCREATE] no such mailbox");
        if (await session.Services.Quota.IsFullAsync(session.Account, cancellationToken).ConfigureAwait(false))
        {
            return ImapCompletion.No("[OVERQUOTA] the mailbox is full");
        }

        var uids = new List<long>();
        foreach (var (flags, date, body) in messages)
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            uids.Add(await session.Services.Store.AppendAsync(session.Account, mailbox.Id, stream, flags, date, cancellationToken).ConfigureAwait(false));
        }

        await session.SynchronizeAsync(allowExpunge: true, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"[APPENDUID {mailbox.UidValidity.ToString(CultureInfo.InvariantCulture)} {UidSet.Format(uids)}] APPEND completed");
    }

    private static DateTimeOffset ParseDate(string text)
    {
        // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE; zone is +hhmm.
        var trimmed = text.Trim();
        if (trimmed.Length >= 5 && trimmed[^5] is '+' or '-')
        {
            trimmed = trimmed[..^2] + ":" + trimmed[^2..];
        }

        return DateTimeOffset.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ImapSyntaxException("invalid date-time");
    }
}
