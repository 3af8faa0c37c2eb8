using System.CommandLine;
using Mail.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Cli;

/// <summary><c>run</c>: starts the directory, then the mail services, until SIGTERM or SIGINT.</summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var command = new Command("run", "Run the appliance (until SIGTERM or Ctrl+C)");
        CommandAction.Set(command, async (r, ct) =>
        {
            var data = CliApplication.InitialisedData(r);
            var configuration = ApplianceConfiguration.Build(data);
            var options = ApplianceConfiguration.Bind(configuration);
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = data.Root });
            builder.Configuration.AddConfiguration(configuration);
            // ASP.NET Core logs every request at Information; the web admin's own events (sign-ins, refusals) are what an
            // operator wants. Logging:LogLevel:Microsoft.AspNetCore in the configuration still overrides this.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
            if (string.Equals(configuration["Mail:Log:Format"], "json", StringComparison.OrdinalIgnoreCase))
            {
                builder.Logging.AddJsonConsole();
            }
            else
            {
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            }

            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(data);
            builder.Services.AddSingleton<DirectoryHost>();
            builder.Services.AddSingleton<MailServices>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DirectoryHost>());
            // Before the listeners, so it stops after them and its last sync covers every staged body.
            builder.Services.AddHostedService<StagedBodySync>();
            builder.Services.AddHostedService<SmtpHost>();
            builder.Services.AddHostedService<ImapHost>();
            builder.Services.AddHostedService<Pop3Host>();
            builder.Services.AddHostedService<QueueHost>();
            builder.Services.AddHostedService<AdminHost>();
            builder.Services.AddHostedService<ListenerReport>();
            using var host = builder.Build();
            await host.RunAsync(ct).ConfigureAwait(false);
        });
        return command;
    }
}
