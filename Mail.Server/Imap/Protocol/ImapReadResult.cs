namespace Mail.Server.Imap.Protocol;

/// <summary>What <see cref="ImapCommandReader"/> read: a whole command's octets (literals inline), a refusal to
/// answer (with the tag when it could be read), or the end of the stream.</summary>
public sealed record ImapReadResult(byte[]? Command, string? Tag, string? Error, bool Fatal, bool EndOfStream)
{
    internal static ImapReadResult Ended { get; } = new(null, null, null, false, true);

    internal static ImapReadResult Of(byte[] command) => new(command, null, null, false, false);

    internal static ImapReadResult Refused(string? tag, string error, bool fatal) => new(null, tag, error, fatal, false);
}
