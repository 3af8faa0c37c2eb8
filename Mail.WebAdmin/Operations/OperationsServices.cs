using Mail.WebAdmin.Dashboard;
using Mail.WebAdmin.Domains;
using Mail.WebAdmin.Groups;
using Mail.WebAdmin.Import;
using Mail.WebAdmin.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Mail.WebAdmin.Operations;

/// <summary>Registers what the dashboard, domain, group, queue and import pages use.</summary>
internal static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services) => services
        .AddSingleton<ChangeRecorder>()
        .AddSingleton<DashboardReport>()
        .AddSingleton<DomainAdministration>()
        .AddSingleton<GroupAdministration>()
        .AddSingleton<QueueAdministration>()
        .AddSingleton<AccountImporter>();
}
