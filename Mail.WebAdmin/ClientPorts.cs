namespace Mail.WebAdmin;

/// <summary>The client-facing ports of the appliance (0: that listener is off).</summary>
public sealed record ClientPorts(int Imap, int ImapTls, int Pop3, int Pop3Tls, int Submission, int SubmissionTls);
