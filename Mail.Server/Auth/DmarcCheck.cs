namespace Mail.Server.Auth;

/// <summary>The DMARC result (RFC 7489) for the RFC5322.From domain.</summary>
/// <param name="Result">Pass, fail, none (no policy published), temperror or permerror.</param>
/// <param name="FromDomain">The From header's domain (empty when the message has no single usable one).</param>
/// <param name="Policy">The policy that applies (p= or, for a subdomain, sp=); null without a record.</param>
/// <param name="Disposition">What the policy asks for this message after pct=: none unless it failed.</param>
public sealed record DmarcCheck(AuthResult Result, string FromDomain, DmarcPolicy? Policy, DmarcPolicy Disposition);
