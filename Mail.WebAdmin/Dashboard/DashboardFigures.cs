using Mail.WebAdmin.Engine;

namespace Mail.WebAdmin.Dashboard;

/// <summary>What the dashboard shows, already scoped to the viewer's domains.</summary>
/// <param name="Accounts">Accounts of the viewer's domains.</param>
/// <param name="Groups">Groups of the viewer's domains.</param>
/// <param name="Domains">Domains the viewer manages.</param>
/// <param name="Queued">Queued messages from or to the viewer's domains.</param>
/// <param name="StorageBytes">Octets the viewer's mailboxes take (the whole store for the appliance admin).</param>
/// <param name="Operations">False for helpdesk, who see the account count only (mail flow is not theirs to watch).</param>
/// <param name="Events">Recent deliveries, deferrals, failures and refusals concerning the viewer's domains, newest first.</param>
internal sealed record DashboardFigures(int Accounts, int Groups, int Domains, int Queued, long StorageBytes, bool Operations, IReadOnlyList<MailEvent> Events);
