namespace Mail.Server.Auth;

/// <summary>The outcome of the inbound checks of one message: the Authentication-Results header to prepend and what
/// to do with the message.</summary>
/// <param name="Header">The whole header field, ending in CRLF.</param>
/// <param name="Disposition">Deliver, Junk or Reject.</param>
/// <param name="Spf">The SPF result.</param>
/// <param name="Dkim">One result per DKIM-Signature checked.</param>
/// <param name="Dmarc">The DMARC result.</param>
public sealed record InboundVerdict(string Header, MessageDisposition Disposition, SpfCheck Spf, IReadOnlyList<DkimCheck> Dkim, DmarcCheck Dmarc);
