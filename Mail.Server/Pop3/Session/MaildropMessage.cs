namespace Mail.Server.Pop3.Session;

/// <summary>One message of a maildrop: its POP3 message number, its UID in the INBOX, its body and its exact size in
/// octets (what RETR sends before dot-stuffing).</summary>
internal sealed record MaildropMessage(int Number, long Uid, string Hash, long Size);
