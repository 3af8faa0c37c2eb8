using System.Text;
using MimeKit.Utils;

namespace Mail.Server.Imap.Sorting;

/// <summary>A message's base subject (RFC 5256 section 2.1) and whether extracting it removed a reply or forward
/// marker (a subj-refwd, a "(fwd)" trailer or a "[fwd: ...]" wrapper), which REFERENCES threading needs.</summary>
internal readonly record struct BaseSubject(string Text, bool IsReplyOrForward)
{
    /// <summary>The base subject of a raw Subject header value (encoded words still encoded), or of none. Linear in
    /// the subject's length: the steps move two indices over one string and cut it once at the end.</summary>
    public static BaseSubject Extract(string? rawSubject)
    {
        if (string.IsNullOrEmpty(rawSubject))
        {
            return new BaseSubject(string.Empty, false);
        }

        // (1) Decode to Unicode, then NFC: a Vietnamese subject typed with combining marks (NFD, common from macOS)
        // must group with the same subject in precomposed form, as Dovecot groups them.
        var text = SingleSpaced(ComposedText.Of(Rfc2047.DecodeText(Encoding.UTF8.GetBytes(rawSubject))));
        var (start, end) = (0, text.Length);
        var replyOrForward = false;
        while (true)
        {
            end = BeforeTrailers(text, start, end, ref replyOrForward);
            start = AfterLeadersAndBlobs(text, start, end, ref replyOrForward);

            // (6) "[fwd: ... ]" around the whole subject: unwrap and start again from (2).
            if (end - start >= 6 && text.AsSpan(start, 5).Equals("[fwd:", StringComparison.OrdinalIgnoreCase) && text[end - 1] == ']')
            {
                (start, end) = (start + 5, end - 1);
                replyOrForward = true;
                continue;
            }

            return new BaseSubject(text[start..end], replyOrForward);
        }
    }

    // (1) Tabs and what is left of folding become spaces, and runs of spaces one space.
    private static string SingleSpaced(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                result.Append(c);
            }
            else if (result.Length == 0 || result[^1] != ' ')
            {
                result.Append(' ');
            }
        }

        return result.ToString();
    }

    // (2) subj-trailer = "(fwd)" / WSP, removed as often as it matches.
    private static int BeforeTrailers(string text, int start, int end, ref bool replyOrForward)
    {
        while (end > start)
        {
            if (text[end - 1] == ' ')
            {
                end--;
            }
            else if (end - start >= 5 && text.AsSpan(end - 5, 5).Equals("(fwd)", StringComparison.OrdinalIgnoreCase))
            {
                end -= 5;
                replyOrForward = true;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    // (3) to (5): leaders off, a leading blob off when text remains after it, again until nothing changes. A run of
    // blobs not followed by a subj-refwd makes (3) fail at the same place each time while (4) takes the blobs one by
    // one, so the whole run goes at once (all of it when text follows, all but the last blob when none does) instead
    // of being rescanned per blob.
    private static int AfterLeadersAndBlobs(string text, int start, int end, ref bool replyOrForward)
    {
        while (true)
        {
            start = AfterLeaders(text, start, end, ref replyOrForward);
            var (runEnd, lastBlob) = (start, start);
            int blob;
            while ((blob = BlobLength(text, runEnd, end)) > 0)
            {
                lastBlob = runEnd;
                runEnd += blob;
            }

            var next = runEnd < end ? runEnd : lastBlob;
            if (next == start)
            {
                return start;
            }

            start = next;
        }
    }

    // (3) subj-leader = (*subj-blob subj-refwd) / WSP, removed as often as it matches.
    private static int AfterLeaders(string text, int start, int end, ref bool replyOrForward)
    {
        while (start < end)
        {
            if (text[start] == ' ')
            {
                start++;
                continue;
            }

            var position = start;
            int blob;
            while ((blob = BlobLength(text, position, end)) > 0)
            {
                position += blob;
            }

            var refwd = RefwdLength(text, position, end);
            if (refwd == 0)
            {
                break;
            }

            start = position + refwd;
            replyOrForward = true;
        }

        return start;
    }

    // subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"
    private static int RefwdLength(string text, int start, int end)
    {
        foreach (var word in (ReadOnlySpan<string>)["re", "fwd", "fw"])
        {
            if (!text.AsSpan(start, end - start).StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var position = start + word.Length;
            while (position < end && text[position] is ' ' or '\t')
            {
                position++;
            }

            position += BlobLength(text, position, end);
            if (position < end && text[position] == ':')
            {
                return position + 1 - start;
            }
        }

        return 0;
    }

    // subj-blob = "[" *BLOBCHAR "]" *WSP. BLOBCHAR is any character but the brackets: the RFC's CHAR predates UTF-8
    // subjects, and a Vietnamese list tag such as "[Phòng GD]" is a blob to users and to Dovecot alike.
    private static int BlobLength(string text, int start, int end)
    {
        if (start >= end || text[start] != '[')
        {
            return 0;
        }

        var close = text.AsSpan(start + 1, end - start - 1).IndexOfAny('[', ']');
        if (close < 0 || text[start + 1 + close] != ']')
        {
            return 0;
        }

        var position = start + close + 2;
        while (position < end && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position - start;
    }
}
