using System.Buffers;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Fetch;

/// <summary>Writes the ENVELOPE structure (RFC 9051 7.5.2) from a cached envelope.</summary>
/// <remarks>Values go out as they appear in the header, as Dovecot sends them: the subject and display names keep
/// their RFC 2047 encoded words (the client decodes them), raw UTF-8 goes out as a literal, or quoted when the client
/// enabled UTF8=ACCEPT (<c>utf8Quoted</c>). Groups are not described (their members are listed as plain addresses).
/// </remarks>
internal static class EnvelopeFormatter
{
    /// <summary>Writes "(date subject from sender reply-to to cc bcc in-reply-to message-id)".</summary>
    public static void Write(IBufferWriter<byte> output, CachedEnvelope envelope, bool utf8Quoted)
    {
        ResponseAtoms.Open(output);
        ImapString.WriteNString(output, envelope.Date, utf8Quoted);
        ResponseAtoms.Space(output);
        ImapString.WriteNString(output, envelope.Subject, utf8Quoted);
        foreach (var list in (ReadOnlySpan<IReadOnlyList<CachedAddress>>)[envelope.From, envelope.Sender, envelope.ReplyTo, envelope.To, envelope.Cc, envelope.Bcc])
        {
            ResponseAtoms.Space(output);
            WriteAddresses(output, list, utf8Quoted);
        }

        ResponseAtoms.Space(output);
        ImapString.WriteNString(output, envelope.InReplyTo, utf8Quoted);
        ResponseAtoms.Space(output);
        ImapString.WriteNString(output, envelope.MessageId, utf8Quoted);
        ResponseAtoms.Close(output);
    }

    private static void WriteAddresses(IBufferWriter<byte> output, IReadOnlyList<CachedAddress> addresses, bool utf8Quoted)
    {
        if (addresses.Count == 0)
        {
            ResponseAtoms.Nil(output);
            return;
        }

        ResponseAtoms.Open(output);
        foreach (var address in addresses)
        {
            // A NIL host marks the start of a group and NIL mailbox with NIL host its end (RFC 9051 7.5.2), so an
            // address missing either gets Dovecot's placeholders instead.
            ResponseAtoms.Open(output);
            ImapString.WriteNString(output, address.Name, utf8Quoted);
            output.Write(" NIL "u8);
            ImapString.WriteString(output, string.IsNullOrEmpty(address.Mailbox) ? "MISSING_MAILBOX" : address.Mailbox, utf8Quoted);
            ResponseAtoms.Space(output);
            ImapString.WriteString(output, string.IsNullOrEmpty(address.Host) ? "MISSING_DOMAIN" : address.Host, utf8Quoted);
            ResponseAtoms.Close(output);
        }

        ResponseAtoms.Close(output);
    }
}
