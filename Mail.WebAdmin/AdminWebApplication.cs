using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mail.Directory;
using Mail.WebAdmin.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
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
    public static WebApplication Build(AdminSite site, MailDirectory directory, IMailEngine engine, ILoggerFactory loggers,
        IReadOnlyList<IPEndPoint> endpoints, X509Certificate2? certificate)
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
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(endpoint, listen =>
                {
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                });
            }
        });

        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton(directory);
        builder.Services.AddSingleton(engine);
        builder.Services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(site.StateFolder, "keys")))
            .SetApplicationName("MailAppliance.WebAdmin");
        builder.Services.AddRazorPages();

        // Vietnamese text goes out as UTF-8 characters, not as numeric references for every letter with a diacritic.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        var app = builder.Build();
        app.UseRouting();
        app.MapRazorPages();
        app.MapPublicEndpoints();
        return app;
    }
}
