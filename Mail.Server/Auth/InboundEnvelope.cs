using System.Net;

namespace Mail.Server.Auth;

/// <summary>What the SMTP session tells about a message from outside: the client's address, its HELO name and the
/// MAIL FROM address (empty for the null reverse path).</summary>
public sealed record InboundEnvelope(IPAddress Client, string Helo, string MailFrom);
