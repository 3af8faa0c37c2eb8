namespace Mail.Server.Auth;

/// <summary>The TXT records at one name, each record's strings joined (RFC 7208 3.3, RFC 6376 3.6.2.2), or why
/// there are none: the name has no TXT records (<see cref="Records"/> empty) or DNS failed for now.</summary>
/// <param name="Records">The records; empty for NXDOMAIN or no TXT data.</param>
/// <param name="TemporaryFailure">True for SERVFAIL, a timeout or an unreachable server.</param>
public sealed record TxtAnswer(IReadOnlyList<string> Records, bool TemporaryFailure);
