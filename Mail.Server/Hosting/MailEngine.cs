using Mail.WebAdmin.Engine;

namespace Mail.Server.Hosting;

/// <summary>The mail engine's side of the web admin's contract.</summary>
internal sealed class MailEngine(MailServices services) : IMailEngine
{
    public Task<EngineStatistics> StatisticsAsync(CancellationToken cancellationToken)
    {
        var queue = services.Spool.Database.Statistics();
        var (bodies, bytes) = services.Store.Index.BodyTotals();
        return Task.FromResult(new EngineStatistics(queue.Messages, bodies, bytes));
    }
}
