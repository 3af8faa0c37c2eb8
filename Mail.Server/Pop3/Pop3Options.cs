namespace Mail.Server.Pop3;

/// <summary>What a POP3 session needs to know about the appliance, and its limits against hostile clients.</summary>
internal sealed class Pop3Options
{
    /// <summary>The host name in the greeting and the sign-off.</summary>
    public string Hostname { get; set; } = "localhost";

    /// <summary>Lets clients on the loopback interface log in without TLS.</summary>
    public bool AllowPlaintextAuthOnLoopback { get; set; }

    /// <summary>The longest command line accepted, CRLF included. RFC 2449 section 4 allows clients 255 octets; a
    /// little more is tolerated, and anything longer is answered -ERR and discarded without being buffered.</summary>
    public int CommandLineLimit { get; set; } = 512;

    /// <summary>The longest SASL response line after an AUTH continuation, CRLF included: the longest PLAIN response
    /// in base64 (RFC 4616 allows 255 octets per field), and no more.</summary>
    public int SaslLineLimit { get; set; } = Protocol.PlainCredentials.MaxBase64Length + 2;

    /// <summary>How long a client may stay silent (or leave our output unread) before it is disconnected; RFC 1939
    /// section 3 asks for at least 10 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Unknown, malformed or out-of-state commands and failed logins tolerated on one connection.</summary>
    public int MaxBadCommands { get; set; } = 10;
}
