using System.Buffers;

namespace Mail.Server.Smtp;

/// <summary>Checks a received message's bytes before it is stored: only CRLF line endings (a bare CR or LF
/// is how SMTP smuggling hides a second message, so it is refused, not repaired), lines of at most 1000
/// octets including CRLF (RFC 5321 4.5.3.1.6), and at most <see cref="MaxReceivedHeaders"/> Received
/// headers (a mail loop, RFC 5321 6.3).</summary>
public static class MessageDataInspector
{
    /// <summary>The longest line allowed, CRLF included.</summary>
    public const int MaxLineLength = 1000;

    /// <summary>More Received headers than this means a loop.</summary>
    public const int MaxReceivedHeaders = 30;

    /// <summary>Returns null when the message may be stored, else the reply that refuses it.</summary>
    public static SmtpReply? Inspect(ReadOnlySequence<byte> message)
    {
        var reader = new SequenceReader<byte>(message);
        var inHeader = true;
        var received = 0;
        while (!reader.End)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
            {
                line = reader.UnreadSequence;
                reader.AdvanceToEnd();
                if (line.Length > MaxLineLength - 2)
                {
                    return LineTooLong;
                }

                // A last line without CRLF is what the SMTP layer hands over once it stripped the final CRLF.
                return line.PositionOf((byte)'\r') is null ? null : BareLineEnding;
            }

            // The line holds everything before LF; it must end in CR and contain no other CR.
            if (line.Length == 0 || LastByte(line) != (byte)'\r')
            {
                return BareLineEnding;
            }

            var content = line.Slice(0, line.Length - 1);
            if (content.PositionOf((byte)'\r') is not null)
            {
                return BareLineEnding;
            }

            if (content.Length > MaxLineLength - 2)
            {
                return LineTooLong;
            }

            if (inHeader)
            {
                if (content.Length == 0)
                {
                    inHeader = false;
                }
                else if (StartsWithReceived(content) && ++received > MaxReceivedHeaders)
                {
                    return Loop;
                }
            }
        }

        return null;
    }

    private static SmtpReply BareLineEnding { get; } = new(554, "5.6.0", "bare CR or LF in message data is not accepted; end lines with CRLF");

    private static SmtpReply LineTooLong { get; } = new(554, "5.6.0", $"a line is longer than {MaxLineLength} octets");

    private static SmtpReply Loop { get; } = new(554, "5.4.6", $"mail loop: more than {MaxReceivedHeaders} Received headers");

    private static byte LastByte(ReadOnlySequence<byte> sequence) => sequence.Slice(sequence.Length - 1).FirstSpan[0];

    private static bool StartsWithReceived(ReadOnlySequence<byte> line)
    {
        const string name = "received:";
        if (line.Length < name.Length)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[name.Length];
        line.Slice(0, name.Length).CopyTo(head);
        for (var i = 0; i < name.Length; i++)
        {
            if ((head[i] | 0x20) != name[i] && !(name[i] == ':' && head[i] == ':'))
            {
                return false;
            }
        }

        return true;
    }
}
