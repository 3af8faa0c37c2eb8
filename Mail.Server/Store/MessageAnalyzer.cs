using MimeKit;

namespace Mail.Server.Store;

/// <summary>Parses a stored body once with MimeKit into the envelope and structure the IMAP server serves.</summary>
internal static class MessageAnalyzer
{
    public static async Task<MessageAnalysis> AnalyzeAsync(Stream body, CancellationToken cancellationToken)
    {
        var sizes = new Dictionary<MimeEntity, (long Octets, int Lines)>(ReferenceEqualityComparer.Instance);
        var parser = new MimeParser(body, MimeFormat.Entity, persistent: false);
        parser.MimeEntityEnd += (_, e) => sizes[e.Entity] = (e.EndOffset - e.HeadersEndOffset, e.Lines);
        var message = await parser.ParseMessageAsync(cancellationToken).ConfigureAwait(false);
        return new MessageAnalysis(Envelope(message), Part(message.Body, sizes));
    }

    private static CachedEnvelope Envelope(MimeMessage message)
    {
        var from = Addresses(message.From);
        return new CachedEnvelope(
            Header(message, HeaderId.Date),
            Header(message, HeaderId.Subject),
            from,
            message.Sender is { } sender ? [Address(sender)] : from,
            message.ReplyTo.Count > 0 ? Addresses(message.ReplyTo) : from,
            Addresses(message.To),
            Addresses(message.Cc),
            Addresses(message.Bcc),
            Header(message, HeaderId.InReplyTo),
            Header(message, HeaderId.MessageId));
    }

    private static string? Header(MimeMessage message, HeaderId id)
    {
        // IMAP's ENVELOPE carries header values as sent (RFC 2047 encoded words stay encoded), unfolded.
        var index = message.Headers.IndexOf(id);
        return index < 0 ? null : System.Text.Encoding.UTF8.GetString(message.Headers[index].RawValue).Replace("\r\n", string.Empty, StringComparison.Ordinal).Trim();
    }

    private static CachedAddress[] Addresses(InternetAddressList list) =>
        list.Mailboxes.Select(Address).ToArray();

    private static CachedAddress Address(MailboxAddress mailbox)
    {
        var at = mailbox.Address.LastIndexOf('@');
        return at < 0
            ? new CachedAddress(mailbox.Name, mailbox.Address, null)
            : new CachedAddress(string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name, mailbox.Address[..at], mailbox.Address[(at + 1)..]);
    }

    private static CachedPart Part(MimeEntity? entity, Dictionary<MimeEntity, (long Octets, int Lines)> sizes)
    {
        if (entity is null)
        {
            return new CachedPart("text", "plain", new Dictionary<string, string> { ["charset"] = "us-ascii" }, null, null, "7bit", 0, 0, null, null, null, null, null, [], null);
        }

        var type = entity.ContentType;
        var parameters = type.Parameters.ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value, StringComparer.Ordinal);
        var (octets, lines) = sizes.TryGetValue(entity, out var size) ? size : (0L, 0);
        var children = entity is Multipart multipart ? multipart.Select(child => Part(child, sizes)).ToArray() : [];
        var embedded = entity is MessagePart { Message: { } inner } ? inner : null;
        if (embedded is not null)
        {
            children = [Part(embedded.Body, sizes)];
        }

        var disposition = entity.ContentDisposition;
        var part = entity as MimePart;
        return new CachedPart(
            type.MediaType.ToLowerInvariant(),
            type.MediaSubtype.ToLowerInvariant(),
            parameters,
            entity.ContentId is { } id ? "<" + id + ">" : null,
            entity.Headers[HeaderId.ContentDescription],
            part is not null ? entity.Headers[HeaderId.ContentTransferEncoding]?.Trim().ToLowerInvariant() ?? "7bit" : null,
            octets,
            lines,
            disposition?.Disposition.ToLowerInvariant(),
            disposition?.Parameters.ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value, StringComparer.Ordinal),
            entity.Headers[HeaderId.ContentLanguage] is { } language ? language.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
            entity.ContentLocation?.ToString(),
            part?.ContentMd5,
            children,
            embedded is not null ? Envelope(embedded) : null);
    }
}
