namespace Mail.Server.Auth;

/// <summary>The SPF result (RFC 7208) for the identity that was checked: the MAIL FROM domain, or the HELO name
/// when the reverse path is null.</summary>
/// <param name="Result">The result.</param>
/// <param name="Domain">The domain checked (empty when there was none to check).</param>
/// <param name="FromHelo">True when <paramref name="Domain"/> is the HELO name (null reverse path).</param>
public sealed record SpfCheck(AuthResult Result, string Domain, bool FromHelo);
