using Mail.Directory.Addressing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Mail.Directory.Ldap;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin;

/// <summary>What every public endpoint shares: a per-client token bucket (ASP.NET's rate limiter, applied here as an
/// endpoint filter so the admin's own pages and middleware order are untouched) and a 503 when the directory is down.
/// Behind a trusted reverse proxy the client is the one its X-Forwarded-For names (AdminWebApplication); behind any
/// other proxy every request counts as the proxy's.</summary>
internal sealed class PublicEndpointFilter : IEndpointFilter, IDisposable
{
    // A client setting up an account makes a handful of requests; a web site embedding the contact list fetches it
    // now and then (and should cache it: the answers say max-age). 60 at once, then one a second, per client.
    private const int Burst = 60;
    private static readonly TimeSpan Refill = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = Refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly ILogger _logger;

    public PublicEndpointFilter(ILoggerFactory loggers) => _logger = loggers.CreateLogger("Mail.WebAdmin.Public");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        using var lease = _limiter.AttemptAcquire(http);
        if (!lease.IsAcquired)
        {
            PublicEndpointLog.RateLimited(_logger, http.Request.Path, http.Connection.RemoteIpAddress);
            http.Response.Headers.RetryAfter = ((int)Refill.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Text("too many requests", statusCode: StatusCodes.Status429TooManyRequests);
        }

        // Public answers are readable from any web site (the contact list is meant to be embedded) and never sniffed
        // into another type.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException ex)
        {
            PublicEndpointLog.DirectoryUnavailable(_logger, http.Request.Path, ex.Message);
            http.Response.Headers.RetryAfter = "30";
            return Results.Text("the directory is temporarily unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    public void Dispose() => _limiter.Dispose();

    // One bucket per IPv4 address and per IPv6 /64 (a single host usually owns a whole /64), as the throttles count.
    private static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? ClientAddressKey.Of(address).ToString() : "unknown";
}
