namespace Mail.Server.Imap.Protocol;

/// <summary>A parsed command: tag, name in upper case (after "UID", with <see cref="IsUid"/> set) and arguments.</summary>
public sealed record ImapCommandLine(string Tag, string Name, bool IsUid, IReadOnlyList<ImapToken> Arguments);
