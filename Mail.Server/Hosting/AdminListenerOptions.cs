namespace Mail.Server.Hosting;

/// <summary>The web admin's port, and whether it speaks TLS itself.</summary>
public sealed class AdminListenerOptions : ListenerOptions
{
    /// <summary>HTTPS with the appliance's certificate (the default); false serves plain HTTP for a reverse proxy
    /// that terminates TLS in front of it.</summary>
    public bool Tls { get; set; } = true;
}
