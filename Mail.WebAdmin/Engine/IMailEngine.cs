namespace Mail.WebAdmin.Engine;

/// <summary>What the web admin may ask of the mail engine (Mail.Server implements it): the admin never reaches into
/// the store, the queue or the key folder itself.</summary>
public interface IMailEngine
{
    /// <summary>Counts for the dashboard.</summary>
    Task<EngineStatistics> StatisticsAsync(CancellationToken cancellationToken);
}
