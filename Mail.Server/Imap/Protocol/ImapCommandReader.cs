using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>Reads one IMAP command off the wire with its literals (RFC 9051 4.3, RFC 7888 LITERAL+/LITERAL-, RFC 3516
/// literal8), checking every announced size against <see cref="ImapLimits"/> before reading it: a
/// <c>{4294967295}</c> is refused at once, and only a synchronising literal within bounds gets its "+" go-ahead.</summary>
public sealed class ImapCommandReader(PipeReader input, ImapLimits limits)
{
    /// <summary>Reads the next command; <paramref name="goAhead"/> sends the continuation request for a
    /// synchronising literal.</summary>
    public async ValueTask<ImapReadResult> ReadAsync(Func<CancellationToken, ValueTask> goAhead, CancellationToken cancellationToken)
    {
        var command = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            var line = await ReadLineAsync(command, cancellationToken).ConfigureAwait(false);
            if (line == LineOutcome.Ended)
            {
                return command.WrittenCount == 0 ? ImapReadResult.Ended : ImapReadResult.Refused(null, "connection closed mid-command", true);
            }

            if (line == LineOutcome.TooLong)
            {
                return ImapReadResult.Refused(TagOf(command.WrittenSpan), "command line too long", false);
            }

            if (!TryLiteralAtEnd(command.WrittenSpan, out var size, out var synchronising, out var malformed))
            {
                return malformed
                    ? ImapReadResult.Refused(TagOf(command.WrittenSpan), "malformed literal size", !synchronising)
                    : ImapReadResult.Of(command.WrittenSpan.ToArray());
            }

            var tag = TagOf(command.WrittenSpan);
            var bound = IsAppend(command.WrittenSpan) ? limits.MaxAppend : limits.MaxLiteral;
            if (size > (ulong)bound || (ulong)command.WrittenCount + size > (ulong)limits.MaxCommand)
            {
                // A synchronising literal was never sent, so the session goes on; a non-synchronising one is on its
                // way and would have to be swallowed whole, so the connection ends instead.
                return ImapReadResult.Refused(tag, $"[TOOBIG] literal of {size} octets is over the limit of {bound}", !synchronising);
            }

            if (!synchronising && size > (ulong)limits.MaxNonSynchronizingLiteral && !IsAppend(command.WrittenSpan))
            {
                return ImapReadResult.Refused(tag, "[TOOBIG] non-synchronising literal over 4096 octets", true);
            }

            if (synchronising)
            {
                await goAhead(cancellationToken).ConfigureAwait(false);
            }

            if (!await ReadExactlyAsync(command, (int)size, cancellationToken).ConfigureAwait(false))
            {
                return ImapReadResult.Refused(tag, "connection closed inside a literal", true);
            }
        }
    }

    /// <summary>Reads one raw line (AUTHENTICATE responses, IDLE's DONE) of at most <paramref name="maxLength"/>
    /// octets without its CRLF; null at the end of the stream or when the line is too long.</summary>
    public async ValueTask<string?> ReadRawLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var line = new ArrayBufferWriter<byte>(64);
        var outcome = await ReadLineAsync(line, cancellationToken, maxLength).ConfigureAwait(false);
        if (outcome != LineOutcome.Read)
        {
            return null;
        }

        var span = line.WrittenSpan;
        span = span[..^1];
        if (!span.IsEmpty && span[^1] == (byte)'\r')
        {
            span = span[..^1];
        }

        return Encoding.UTF8.GetString(span);
    }

    private enum LineOutcome
    {
        Read,
        TooLong,
        Ended,
    }

    // Appends one line (LF included) to the command; a line over the limit is discarded up to its LF.
    private async ValueTask<LineOutcome> ReadLineAsync(ArrayBufferWriter<byte> command, CancellationToken cancellationToken, int? maxLength = null)
    {
        var limit = maxLength ?? limits.MaxLine;
        var discarding = false;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is { } end)
            {
                var through = buffer.GetPosition(1, end);
                var line = buffer.Slice(0, through);
                if (!discarding && line.Length <= limit)
                {
                    foreach (var segment in line)
                    {
                        command.Write(segment.Span);
                    }
                }

                if (!discarding && line.Length > limit)
                {
                    foreach (var segment in line.Slice(0, 80))
                    {
                        command.Write(segment.Span);
                    }
                }

                input.AdvanceTo(through);
                return discarding || line.Length > limit ? LineOutcome.TooLong : LineOutcome.Read;
            }

            if (buffer.Length > limit)
            {
                // Drop what arrived so far, keeping only its start so the refusal can carry the tag; keep reading
                // until the line ends.
                if (!discarding)
                {
                    var head = buffer.Slice(0, Math.Min(buffer.Length, 80));
                    foreach (var segment in head)
                    {
                        command.Write(segment.Span);
                    }
                }

                discarding = true;
                input.AdvanceTo(buffer.End);
            }
            else
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                return LineOutcome.Ended;
            }
        }
    }

    private async ValueTask<bool> ReadExactlyAsync(ArrayBufferWriter<byte> command, int count, CancellationToken cancellationToken)
    {
        var remaining = count;
        while (remaining > 0)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var take = result.Buffer.Slice(0, Math.Min(remaining, result.Buffer.Length));
            foreach (var segment in take)
            {
                command.Write(segment.Span);
            }

            remaining -= (int)take.Length;
            input.AdvanceTo(take.End);
            if (remaining > 0 && result.IsCompleted)
            {
                return false;
            }
        }

        return true;
    }

    // "{123}" / "{123+}" / "~{123}" right before the line's CRLF.
    private static bool TryLiteralAtEnd(ReadOnlySpan<byte> command, out ulong size, out bool synchronising, out bool malformed)
    {
        (size, synchronising, malformed) = (0, true, false);
        var line = command;
        if (line.EndsWith("\n"u8))
        {
            line = line[..^1];
        }

        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (!line.EndsWith("}"u8))
        {
            return false;
        }

        var open = line.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return false;
        }

        var inside = line[(open + 1)..^1];
        if (inside.EndsWith("+"u8))
        {
            synchronising = false;
            inside = inside[..^1];
        }

        if (inside.IsEmpty || inside.Length > 20)
        {
            malformed = true;
            return false;
        }

        foreach (var b in inside)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                malformed = true;
                return false;
            }

            size = size > (ulong.MaxValue / 10) - 10 ? ulong.MaxValue / 2 : (size * 10) + (ulong)(b - '0');
        }

        return true;
    }

    private static string? TagOf(ReadOnlySpan<byte> command)
    {
        var space = command.IndexOfAny((byte)' ', (byte)'\r', (byte)'\n');
        var tag = space < 0 ? command : command[..space];
        return tag.IsEmpty || tag.Length > 64 ? null : Encoding.ASCII.GetString(tag);
    }

    private static bool IsAppend(ReadOnlySpan<byte> command)
    {
        var space = command.IndexOf((byte)' ');
        if (space < 0)
        {
            return false;
        }

        var rest = command[(space + 1)..];
        return rest.Length > 6 && Ascii.EqualsIgnoreCase(rest[..6], "APPEND"u8) && rest[6] == (byte)' ';
    }
}
