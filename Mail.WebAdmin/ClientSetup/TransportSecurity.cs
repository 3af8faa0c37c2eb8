namespace Mail.WebAdmin.ClientSetup;

/// <summary>How a client protects a connection; the appliance offers nothing in clear text.</summary>
internal enum TransportSecurity
{
    /// <summary>TLS from the first byte (993, 995, 465; RFC 8314 prefers these).</summary>
    ImplicitTls,

    /// <summary>A clear-text greeting, then STARTTLS/STLS before anything else (143, 110, 587).</summary>
    StartTls,
}
