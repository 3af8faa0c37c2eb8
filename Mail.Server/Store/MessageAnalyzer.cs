using System.Text;
using MimeKit;

namespace Mail.Server.Store;

/// <summary>Parses a stored body once with MimeKit into the envelope and structure the IMAP server serves.</summary>
/// <remarks>Values are kept the way Dovecot reports them, so FETCH needs no second parse: header values as sent
/// (RFC 2047 encoded words stay encoded, folding removed), display names as their raw phrase (quotes removed, encoded
/// words kept; see <see cref="RawMailboxes"/>), MIME types in the sender's case, text/* without a charset given
/// "charset=us-ascii". Each part records where its header, content and end lie in the file, so BODY[section] reads
/// those octets straight from the file.</remarks>
internal static class MessageAnalyzer
{
    /// <summary>Raised whenever the analysis of a body changes for the same bytes, so stored analyses are redone
    /// (2: body parameters as the header has them, RFC 2231 not decoded).</summary>
    public const int Version = 2;

    /// <summary>Analyses the message from the stream's current position; offsets count from there, which is the
    /// start of the stored file.</summary>
    public static async Task<MessageAnalysis> AnalyzeAsync(Stream body, CancellationToken cancellationToken)
    {
        // MimeParser counts offsets from the stream's origin, not from where parsing starts.
        var origin = body.CanSeek ? body.Position : 0;
        var extents = new Dictionary<MimeEntity, (long Begin, long HeadersEnd, long End, int Lines)>(ReferenceEqualityComparer.Instance);
        var parser = new MimeParser(body, MimeFormat.Entity, persistent: false);
        parser.MimeEntityEnd += (_, e) => extents[e.Entity] = (e.BeginOffset - origin, e.HeadersEndOffset - origin, e.EndOffset - origin, Math.Max(0, e.Lines));
        MimeMessage message;
        try
        {
            message = await parser.ParseMessageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            // MimeKit refuses a message whose first line is no header field. Dovecot then takes the whole message as
            // its header (BODY[HEADER] is everything, BODY[TEXT] empty); so do we, instead of failing the delivery.
            return Unparsable(body.CanSeek ? body.Length - origin : 0);
        }

        return new MessageAnalysis(Envelope(message), message.Body is { } root ? Part(root, extents) : Unparsable(0).Structure)
        {
            SearchHeaders = SearchHeaders.Build(message.Headers),
        };
    }

    private static MessageAnalysis Unparsable(long length) =>
        new(
            new CachedEnvelope(null, null, [], [], [], [], [], [], null, null),
            new CachedPart("text", "plain", new Dictionary<string, string>(StringComparer.Ordinal) { ["charset"] = "us-ascii" }, null, null, "7bit", 0, 0, null, null, null, null, null, [], null)
            {
                HeaderOffset = 0,
                BodyOffset = length,
                EndOffset = length,
            });

    private static CachedEnvelope Envelope(MimeMessage message)
    {
        var from = Addresses(message.Headers, HeaderId.From, message.From.Mailboxes);
        var sender = Addresses(message.Headers, HeaderId.Sender, message.Sender is { } s ? [s] : []);
        var replyTo = Addresses(message.Headers, HeaderId.ReplyTo, message.ReplyTo.Mailboxes);

        // RFC 9051 7.5.2: sender and reply-to default to from when absent.
        return new CachedEnvelope(
            Raw(message.Headers, HeaderId.Date),
            Raw(message.Headers, HeaderId.Subject),
            from,
            sender.Length > 0 ? sender : from,
            replyTo.Length > 0 ? replyTo : from,
            Addresses(message.Headers, HeaderId.To, message.To.Mailboxes),
            Addresses(message.Headers, HeaderId.Cc, message.Cc.Mailboxes),
            Addresses(message.Headers, HeaderId.Bcc, message.Bcc.Mailboxes),
            Raw(message.Headers, HeaderId.InReplyTo),
            Raw(message.Headers, HeaderId.MessageId));
    }

    // A header's value as sent: unfolded (CRLF removed, the following white space kept, as Dovecot does) and trimmed.
    private static string? Raw(HeaderList headers, HeaderId id)
    {
        var index = headers.IndexOf(id);
        return index < 0 ? null : Encoding.UTF8.GetString(headers[index].RawValue).Replace("\r\n", string.Empty, StringComparison.Ordinal).Trim();
    }

    private static CachedAddress[] Addresses(HeaderList headers, HeaderId id, IEnumerable<MailboxAddress> mailboxes)
    {
        var raw = new StringBuilder();
        foreach (var header in headers)
        {
            if (header.Id == id)
            {
                raw.Append(Encoding.UTF8.GetString(header.RawValue)).Append(',');
            }
        }

        var phrases = RawMailboxes(raw.ToString());
        var next = 0;
        var list = new List<CachedAddress>();
        foreach (var mailbox in mailboxes)
        {
            // MimeKit decodes display names; IMAP clients expect them as sent (Dovecot: encoded words stay encoded).
            // Each mailbox takes the next raw one with the same address; a mismatch keeps MimeKit's decoded name.
            var name = string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name;
            for (var i = next; i < phrases.Count; i++)
            {
                if (string.Equals(phrases[i].Address, mailbox.Address, StringComparison.OrdinalIgnoreCase))
                {
                    if (phrases[i].Name is { Length: > 0 } phrase && !phrase.Contains('\uFFFD', StringComparison.Ordinal))
                    {
                        name = phrase;
                    }

                    next = i + 1;
                    break;
                }
            }

            var at = mailbox.Address.LastIndexOf('@');
            list.Add(at < 0
                ? new CachedAddress(name, mailbox.Address, null)
                : new CachedAddress(name, mailbox.Address[..at], mailbox.Address[(at + 1)..]));
        }

        return [.. list];
    }

    /// <summary>Splits an address-list header value (RFC 5322 3.4) into each mailbox's address and raw display name:
    /// the phrase before "&lt;addr&gt;" with quoted strings unquoted and white space runs made one space, or the
    /// comment after a bare address. Group names are dropped, their members kept. Only the names are used; the
    /// addresses themselves come from MimeKit.</summary>
    private static List<(string Address, string? Name)> RawMailboxes(string value)
    {
        var result = new List<(string Address, string? Name)>();
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        string? angle = null;
        string? comment = null;

        void EndWord()
        {
            if (word.Length > 0 || quoted)
            {
                words.Add(word.ToString());
            }

            word.Clear();
            quoted = false;
        }

        void EndMailbox()
        {
            EndWord();
            var address = angle is not null ? RemoveRoute(angle).Trim() : string.Concat(words);
            var name = angle is not null ? (words.Count > 0 ? string.Join(' ', words) : null) : comment;
            if (address.Length > 0)
            {
                result.Add((address, string.IsNullOrWhiteSpace(name) ? null : name));
            }

            words.Clear();
            angle = null;
            comment = null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    for (i++; i < value.Length && value[i] != '"'; i++)
                    {
                        if (value[i] == '\\' && i + 1 < value.Length)
                        {
                            i++;
                        }

                        word.Append(value[i]);
                    }

                    quoted = true;
                    break;
                case '(':
                    EndWord();
                    comment = Comment(value, ref i);
                    break;
                case '<':
                    EndWord();
                    var close = value.IndexOf('>', i);
                    angle = close < 0 ? value[(i + 1)..] : value[(i + 1)..close];
                    i = close < 0 ? value.Length : close;
                    break;
                case ':':
                    // The end of a group's name (angle addresses were consumed whole above).
                    word.Clear();
                    words.Clear();
                    quoted = false;
                    comment = null;
                    break;
                case ',' or ';':
                    EndMailbox();
                    break;
                case ' ' or '\t' or '\r' or '\n':
                    EndWord();
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }

        EndMailbox();
        return result;
    }

    private static string Comment(string value, ref int i)
    {
        var text = new StringBuilder();
        var depth = 0;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                text.Append(value[++i]);
                continue;
            }

            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                break;
            }

            if (depth > 1 || c != '(')
            {
                text.Append(c);
            }
        }

        return string.Join(' ', text.ToString().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    // An obsolete source route "@a,@b:user@host" (RFC 5322 4.4) is not part of the address.
    private static string RemoveRoute(string angle) =>
        angle.StartsWith('@') && angle.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? angle[(colon + 1)..] : angle;

    private static CachedPart Part(MimeEntity entity, Dictionary<MimeEntity, (long Begin, long HeadersEnd, long End, int Lines)> extents)
    {
        var type = entity.ContentType;
        var headers = entity.Headers;
        var parameters = RawParameters(headers, HeaderId.ContentType) ?? [];
        if (type.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase) && !parameters.Keys.Any(k => k.Equals("charset", StringComparison.OrdinalIgnoreCase)))
        {
            // RFC 2045 5.2's default, which Dovecot spells out in BODYSTRUCTURE.
            parameters["charset"] = "us-ascii";
        }

        var extent = extents.TryGetValue(entity, out var found) ? found : default;
        var children = entity is Multipart multipart ? multipart.Select(child => Part(child, extents)).ToArray() : [];
        var subtype = type.MediaSubtype;
        var embedded = entity is MessagePart { Message: { } inner }
            && (subtype.Equals("rfc822", StringComparison.OrdinalIgnoreCase) || subtype.Equals("global", StringComparison.OrdinalIgnoreCase))
            ? inner
            : null;
        if (embedded is not null)
        {
            children = embedded.Body is { } body ? [Part(body, extents)] : [];
        }

        var disposition = entity.ContentDisposition;
        return new CachedPart(
            type.MediaType,
            subtype,
            parameters,
            Raw(headers, HeaderId.ContentId),
            Raw(headers, HeaderId.ContentDescription),
            entity is Multipart ? null : Raw(headers, HeaderId.ContentTransferEncoding) is { Length: > 0 } encoding ? encoding : "7bit",
            extent.End - extent.HeadersEnd,
            extent.Lines,
            disposition?.Disposition,
            disposition is null ? null : RawParameters(headers, HeaderId.ContentDisposition) ?? [],
            Raw(headers, HeaderId.ContentLanguage) is { } language ? language.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
            Raw(headers, HeaderId.ContentLocation),
            entity is Multipart ? null : Raw(headers, HeaderId.ContentMd5),
            children,
            embedded is not null && children.Length == 1 ? Envelope(embedded) : null)
        {
            HeaderOffset = extent.Begin,
            BodyOffset = extent.HeadersEnd,
            EndOffset = extent.End,
        };
    }

    // IMAP's parameter lists carry the header's own attributes and values (see HeaderParameters), so they are read
    // from the raw field, not from MimeKit's decoded ParameterList.
    private static Dictionary<string, string>? RawParameters(HeaderList headers, HeaderId id)
    {
        var index = headers.IndexOf(id);
        return index < 0 ? null : HeaderParameters.Read(headers[index].RawValue);
    }
}
