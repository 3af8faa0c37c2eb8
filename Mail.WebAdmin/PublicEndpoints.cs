using Mail.WebAdmin.ClientSetup;
using Mail.WebAdmin.Contacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin;

/// <summary>The endpoints anyone may call, without signing in: client self-configuration and the public contact
/// list. They show only hosted domains' settings and entries flagged public.</summary>
public static class PublicEndpoints
{
    /// <summary>Maps the public endpoints, rate-limited per client.</summary>
    public static WebApplication MapPublicEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var filter = new PublicEndpointFilter(app.Services.GetRequiredService<ILoggerFactory>());
        app.Lifetime.ApplicationStopped.Register(filter.Dispose);
        // The admin's fallback policy asks every other endpoint for a signed-in user; these are for anyone.
        var group = app.MapGroup(string.Empty).AddEndpointFilter(filter).AllowAnonymous();
        ClientSetupEndpoints.Map(group);
        ContactListEndpoints.Map(group);
        return app;
    }
}
