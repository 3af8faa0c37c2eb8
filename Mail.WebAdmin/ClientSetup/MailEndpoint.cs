namespace Mail.WebAdmin.ClientSetup;

/// <summary>One listener a mail client may use.</summary>
internal sealed record MailEndpoint(MailProtocol Protocol, int Port, TransportSecurity Security);
