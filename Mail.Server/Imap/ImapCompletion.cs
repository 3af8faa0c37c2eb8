namespace Mail.Server.Imap;

/// <summary>How a command ends: the tagged status (OK, NO, BAD) and its text, response code included.</summary>
public sealed record ImapCompletion(string Status, string Text)
{
    /// <summary>The command wrote its tagged line itself (STARTTLS must answer before the handshake).</summary>
    public static ImapCompletion AlreadySent { get; } = new(string.Empty, string.Empty);

    /// <summary>OK with the text.</summary>
    public static ImapCompletion Ok(string text) => new("OK", text);

    /// <summary>NO with the text.</summary>
    public static ImapCompletion No(string text) => new("NO", text);

    /// <summary>BAD with the text.</summary>
    public static ImapCompletion Bad(string text) => new("BAD", text);
}
