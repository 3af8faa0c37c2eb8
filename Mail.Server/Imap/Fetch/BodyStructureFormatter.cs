using System.Buffers;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Fetch;

/// <summary>Writes BODYSTRUCTURE (with extension data) and BODY (without) from a cached part tree (RFC 9051 7.5.2,
/// RFC 3501 7.4.2).</summary>
/// <remarks>Types, subtypes, parameter names and encodings go out in the sender's case, as Dovecot sends them.
/// Parameters are the header's own attribute/value pairs (RFC 9051 body-fld-param), so an RFC 2231 value goes out as
/// <c>"name*" "utf-8''…"</c> and an RFC 2047 word as the word, as Dovecot sends them; raw 8-bit values go out as
/// literals unless the client enabled UTF8=ACCEPT.</remarks>
internal static class BodyStructureFormatter
{
    /// <summary>Writes the BODYSTRUCTURE value of <paramref name="part"/> (the message's top-level part).</summary>
    public static void WriteBodyStructure(IBufferWriter<byte> output, CachedPart part, bool utf8Quoted) =>
        WritePart(output, part, extended: true, utf8Quoted);

    /// <summary>Writes the BODY value (the non-extensible form) of <paramref name="part"/>.</summary>
    public static void WriteBody(IBufferWriter<byte> output, CachedPart part, bool utf8Quoted) =>
        WritePart(output, part, extended: false, utf8Quoted);

    private static void WritePart(IBufferWriter<byte> output, CachedPart part, bool extended, bool utf8Quoted)
    {
        if (part.IsMultipart)
        {
            WriteMultipart(output, part, extended, utf8Quoted);
            return;
        }

        ResponseAtoms.Open(output);
        ImapString.WriteString(output, part.Type, utf8Quoted);
        ResponseAtoms.Space(output);
        ImapString.WriteString(output, part.Subtype, utf8Quoted);
        ResponseAtoms.Space(output);
        WriteParameters(output, part.Parameters, utf8Quoted);
        ResponseAtoms.Space(output);
        ImapString.WriteNString(output, part.ContentId, utf8Quoted);
        ResponseAtoms.Space(output);
        ImapString.WriteNString(output, part.Description, utf8Quoted);
        ResponseAtoms.Space(output);
        ImapString.WriteString(output, part.TransferEncoding ?? "7bit", utf8Quoted);
        ResponseAtoms.Space(output);
        ResponseAtoms.Number(output, part.Octets);
        if (part.IsEncapsulatedMessage)
        {
            ResponseAtoms.Space(output);
            EnvelopeFormatter.Write(output, part.MessageEnvelope!, utf8Quoted);
            ResponseAtoms.Space(output);
            WritePart(output, part.Children[0], extended, utf8Quoted);
            ResponseAtoms.Space(output);
            ResponseAtoms.Number(output, part.Lines);
        }
        else if (part.IsText)
        {
            ResponseAtoms.Space(output);
            ResponseAtoms.Number(output, part.Lines);
        }

        if (extended)
        {
            // body-ext-1part = body-fld-md5 SP body-fld-dsp SP body-fld-lang SP body-fld-loc
            ResponseAtoms.Space(output);
            ImapString.WriteNString(output, part.Md5, utf8Quoted);
            WriteDispositionLanguageLocation(output, part, utf8Quoted);
        }

        ResponseAtoms.Close(output);
    }

    private static void WriteMultipart(IBufferWriter<byte> output, CachedPart part, bool extended, bool utf8Quoted)
    {
        ResponseAtoms.Open(output);
        if (part.Children.Count == 0)
        {
            // The grammar needs at least one part (1*body); a multipart whose boundary never appears gets an empty one.
            output.Write("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)"u8);
        }

        foreach (var child in part.Children)
        {
            WritePart(output, child, extended, utf8Quoted);
        }

        ResponseAtoms.Space(output);
        ImapString.WriteString(output, part.Subtype, utf8Quoted);
        if (extended)
        {
            // body-ext-mpart = body-fld-param SP body-fld-dsp SP body-fld-lang SP body-fld-loc
            ResponseAtoms.Space(output);
            WriteParameters(output, part.Parameters, utf8Quoted);
            WriteDispositionLanguageLocation(output, part, utf8Quoted);
        }

        ResponseAtoms.Close(output);
    }

    private static void WriteDispositionLanguageLocation(IBufferWriter<byte> output, CachedPart part, bool utf8Quoted)
    {
        ResponseAtoms.Space(output);
        if (part.Disposition is null)
        {
            ResponseAtoms.Nil(output);
        }
        else
        {
            ResponseAtoms.Open(output);
            ImapString.WriteString(output, part.Disposition, utf8Quoted);
            ResponseAtoms.Space(output);
            WriteParameters(output, part.DispositionParameters, utf8Quoted);
            ResponseAtoms.Close(output);
        }

        ResponseAtoms.Space(output);
        if (part.Language is not { Count: > 0 } languages)
        {
            ResponseAtoms.Nil(output);
        }
        else
        {
            ResponseAtoms.Open(output);
            for (var i = 0; i < languages.Count; i++)
            {
                if (i > 0)
                {
                    ResponseAtoms.Space(output);
                }

                ImapString.WriteString(output, languages[i], utf8Quoted);
            }

            ResponseAtoms.Close(output);
        }

        ResponseAtoms.Space(output);
        ImapString.WriteNString(output, part.Location, utf8Quoted);
    }

    private static void WriteParameters(IBufferWriter<byte> output, IReadOnlyDictionary<string, string>? parameters, bool utf8Quoted)
    {
        if (parameters is not { Count: > 0 })
        {
            ResponseAtoms.Nil(output);
            return;
        }

        ResponseAtoms.Open(output);
        var first = true;
        foreach (var (name, value) in parameters)
        {
            if (!first)
            {
                ResponseAtoms.Space(output);
            }

            first = false;
            ImapString.WriteString(output, name, utf8Quoted);
            ResponseAtoms.Space(output);
            ImapString.WriteString(output, value, utf8Quoted);
        }

        ResponseAtoms.Close(output);
    }
}
