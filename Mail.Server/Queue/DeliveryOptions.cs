using System.Globalization;

namespace Mail.Server.Queue;

/// <summary>How mail for other domains leaves (the <c>Mail:Delivery</c> section).</summary>
public sealed class DeliveryOptions
{
    /// <summary>The port of the receiving servers (25; tests use a loopback port).</summary>
    public int Port { get; set; } = 25;

    /// <summary>A smarthost as <c>host</c> or <c>host:port</c> that takes all outbound mail instead of the
    /// domains' MX hosts; empty delivers directly.</summary>
    public string Relay { get; set; } = string.Empty;

    /// <summary>The login at the smarthost (AUTH after STARTTLS); empty sends without AUTH.</summary>
    public string RelayUser { get; set; } = string.Empty;

    /// <summary>The password at the smarthost.</summary>
    public string RelayPassword { get; set; } = string.Empty;

    /// <summary>Minutes to wait after each failed attempt, comma-separated; the last value repeats until
    /// <see cref="MaxQueueHours"/>.</summary>
    public string RetryMinutes { get; set; } = "5,15,30,60,120,240";

    /// <summary>How long a message may wait for a recipient before it is returned to the sender (5 days).</summary>
    public double MaxQueueHours { get; set; } = 120;

    /// <summary>After this long undelivered, the sender gets one delay notice (0: never).</summary>
    public double DelayNoticeHours { get; set; } = 4;

    /// <summary>Connections at the same time to one destination domain.</summary>
    public int ConcurrencyPerDomain { get; set; } = 5;

    /// <summary>Connections at the same time in all.</summary>
    public int Concurrency { get; set; } = 50;

    /// <summary>Most recipients in one transaction (RFC 5321 4.5.3.1.8 asks servers to take at least 100).</summary>
    public int RecipientsPerTransaction { get; set; } = 100;

    /// <summary>How long an idle connection to a domain stays open for more mail to it (0 closes it at once).</summary>
    public double ConnectionCacheSeconds { get; set; } = 2;

    /// <summary>How long to wait for a connection to open.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 30;

    /// <summary>How long to wait for any one reply (RFC 5321 4.5.3.2 asks for minutes, not seconds).</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <summary>The retry waits as parsed from <see cref="RetryMinutes"/>.</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule =>
        RetryMinutes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => TimeSpan.FromMinutes(double.Parse(m, CultureInfo.InvariantCulture))).ToArray();

    /// <summary>Returns the first configuration error, or null.</summary>
    public string? Validate()
    {
        var parts = RetryMinutes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) || m <= 0 || m > 7 * 24 * 60))
        {
            return $"Mail:Delivery:RetryMinutes must be a comma-separated list of minutes above 0, not '{RetryMinutes}'";
        }

        if (Port is < 1 or > 65535)
        {
            return $"Mail:Delivery:Port must be between 1 and 65535, not {Port}";
        }

        if (MaxQueueHours <= 0 || DelayNoticeHours < 0)
        {
            return "Mail:Delivery:MaxQueueHours must be above 0 and Mail:Delivery:DelayNoticeHours 0 or more";
        }

        if (ConnectionCacheSeconds is < 0 or > 300)
        {
            return $"Mail:Delivery:ConnectionCacheSeconds must be between 0 and 300, not {ConnectionCacheSeconds}";
        }

        if (ConcurrencyPerDomain < 1 || Concurrency < 1 || RecipientsPerTransaction < 1 || ConnectTimeoutSeconds < 1 || TimeoutSeconds < 1)
        {
            return "Mail:Delivery concurrency, recipient and timeout settings must be at least 1";
        }

        return Relay.Length > 0 && Relay.Contains(' ', StringComparison.Ordinal)
            ? $"Mail:Delivery:Relay '{Relay}' is not a host or host:port"
            : null;
    }
}
