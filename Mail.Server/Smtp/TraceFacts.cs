using System.Net;

namespace Mail.Server.Smtp;

/// <summary>What the trace headers of one received message record.</summary>
public sealed record TraceFacts(
    string Sender,
    string Helo,
    IPAddress RemoteAddress,
    string Hostname,
    string? TlsProtocol,
    string? TlsCipher,
    bool Authenticated,
    string QueueId,
    string? SingleRecipient,
    DateTimeOffset Received);
