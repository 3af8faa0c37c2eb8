namespace Mail.Server.Dns;

/// <summary>The client ports a domain's SRV records should name (0: that listener is off).</summary>
internal sealed record ClientEndpoints(int Submission, int SubmissionTls, int ImapTls, int Pop3Tls);
