using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mail.Directory;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Assets;
using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Operations;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.WebEncoders;

namespace Mail.WebAdmin;

/// <summary>Builds the web admin and public endpoints as an ASP.NET Core application on its own Kestrel listeners,
/// hosted inside the appliance process.</summary>
public static class AdminWebApplication
{
    /// <summary>Builds (does not start) the web application.</summary>
    /// <param name="site">The appliance the admin serves.</param>
    /// <param name="directory">The running directory.</param>
    /// <param name="engine">The mail engine's contract.</param>
    /// <param name="loggers">The appliance's loggers (the web admin logs through them).</param>
    /// <param name="endpoints">Where to listen.</param>
    /// <param name="certificate">HTTPS with this certificate; null serves plain HTTP for a TLS-terminating proxy.</param>
    /// <param name="trustedProxies">The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed;
    /// empty believes nobody.</param>
    public static WebApplication Build(AdminSite site, MailDirectory directory, IMailEngine engine, ILoggerFactory loggers,
        IReadOnlyList<IPEndPoint> endpoints, X509Certificate2? certificate, X509Certificate2Collection intermediates,
        IReadOnlyList<System.Net.IPNetwork> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(endpoints);
        // Owner-only: the data-protection keys under it sign the admin's sign-in cookies.
        System.IO.Directory.CreateDirectory(site.StateFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Razor Pages find their compiled pages through the application name's assembly.
            ApplicationName = typeof(AdminWebApplication).Assembly.GetName().Name,
            ContentRootPath = site.StateFolder,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        // The appliance announces its own start and stop; the web host's "Application started" lines only repeat it.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(endpoint, listen =>
                {
                    if (certificate is not null)
                    {
                        // The intermediates go with the certificate, as on the mail ports.
                        listen.UseHttps(https =>
                        {
                            https.ServerCertificate = certificate;
                            https.ServerCertificateChain = intermediates;
                        });
                    }
                });
            }
        });

        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new AuditLog(site.StateFolder));
        builder.Services.AddSingleton<AccountCatalog>();
        builder.Services.AddSingleton<AccountAdministration>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<AdminCookieEvents>();
        builder.Services.AddOperations();
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(site.StateFolder, "keys")))
            .SetApplicationName("MailAppliance.WebAdmin");
        AddSecurity(builder.Services);
        builder.Services.AddLocalization();
        builder.Services.AddRazorPages();

        // Vietnamese text goes out as UTF-8 characters, not as numeric references for every letter with a diacritic.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        var app = builder.Build();
        if (certificate is null)
        {
            // Plain HTTP here means a proxy in front terminates TLS (the cookies are Secure, so browsers reach it over
            // HTTPS); without this every form answered 500, as antiforgery refuses to issue its Secure cookie on an
            // http request. A trusted proxy's X-Forwarded-Proto still has the last word.
            app.Use((context, next) =>
            {
                context.Request.Scheme = Uri.UriSchemeHttps;
                return next(context);
            });
        }

        UseTrustedProxies(app, trustedProxies);
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Status",
            // A hand-typed URL outside one's scope is a 403 and an unknown account a 404, not a server error.
            StatusCodeSelector = ex => ExpectedFailureStatus.Of(ex) is var status and > 0 ? status : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/Status", "?code={0}");
        app.UseRequestLocalization(AdminCultures.Options());
        app.UseRouting();
        app.Use(AdminPagesOverHttpsOnly);
        app.UseAuthentication();
        app.UseAuthorization();
        SiteStylesheet.Map(app);
        app.MapRazorPages();
        app.MapPublicEndpoints();
        return app;
    }

    // First in the pipeline, so the sign-in throttle, the public endpoints' rate limit, the audit log and the logs all
    // see the client behind a trusted proxy. Without trusted proxies the middleware is left out altogether: with empty
    // lists it would believe every sender of the header, and its defaults trust loopback.
    private static void UseTrustedProxies(WebApplication app, IReadOnlyList<System.Net.IPNetwork> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(trustedProxies);
        if (trustedProxies.Count == 0)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,

            // A chain of trusted proxies is walked from the right; the first address that is not one of them is the client.
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var network in trustedProxies)
        {
            forwarded.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(forwarded);
    }

    // A trusted proxy that says the browser came over plain HTTP: the admin's Secure cookies cannot work there (its
    // forms would fail), so a page is sent to the same address over HTTPS, and a form post is refused. The public
    // endpoints answer over either: mail clients fetch autoconfig over plain HTTP.
    private static Task AdminPagesOverHttpsOnly(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps || context.GetEndpoint()?.Metadata.GetMetadata<PageRouteMetadata>() is null)
        {
            return next(context);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("The web admin works over HTTPS only.", context.RequestAborted);
        }

        var request = context.Request;
        context.Response.Redirect(UriHelper.BuildAbsolute(Uri.UriSchemeHttps, request.Host, request.PathBase, request.Path, request.QueryString), permanent: true);
        return Task.CompletedTask;
    }

    private static void AddSecurity(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = AdminSession.CookieName;
            o.Cookie.HttpOnly = true;
            // Secure even when a proxy terminates TLS: the browser still talks HTTPS to the proxy.
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = AdminSession.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/Login";
            o.LogoutPath = "/Logout";
            o.EventsType = typeof(AdminCookieEvents);
        });
        services.AddAuthorization(AdminPolicies.Configure);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AdminSession.AntiforgeryCookieName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // SecurityHeaders sends DENY and frame-ancestors 'none' itself.
            o.SuppressXFrameOptionsHeader = true;
        });
    }
}
