namespace Mail.Server.Auth;

/// <summary>The result of verifying one DKIM-Signature (RFC 6376) with the signer's d=, s= and a= tags.</summary>
/// <param name="Result">Pass, fail, temperror or permerror.</param>
/// <param name="Domain">The signing domain (d=).</param>
/// <param name="Selector">The selector (s=).</param>
/// <param name="Algorithm">The algorithm (a=).</param>
public sealed record DkimCheck(AuthResult Result, string Domain, string Selector, string Algorithm);
