namespace Mail.WebAdmin.ClientSetup;

/// <summary>A protocol a mail client speaks to the appliance.</summary>
internal enum MailProtocol
{
    /// <summary>IMAP (RFC 9051).</summary>
    Imap,

    /// <summary>POP3 (RFC 1939).</summary>
    Pop3,

    /// <summary>SMTP submission (RFC 6409).</summary>
    Smtp,
}
