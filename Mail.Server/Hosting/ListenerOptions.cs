namespace Mail.Server.Hosting;

/// <summary>One listening port; 0 disables the listener.</summary>
public class ListenerOptions
{
    /// <summary>The TCP port.</summary>
    public int Port { get; set; }
}
