using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Operations;
using Mail.WebAdmin.Security;

namespace Mail.WebAdmin.Queue;

/// <summary>The outbound queue as the web admin shows it: all of it for the appliance admin; for a domain admin only
/// messages sent from or to their domains. A message outside the actor's view is answered as not found, so its id
/// says nothing of other domains' mail.</summary>
internal sealed class QueueAdministration(IMailEngine engine, ChangeRecorder changes)
{
    /// <summary>The queued messages the actor may see, oldest first; with <paramref name="search"/>, those whose id,
    /// sender or a recipient contains it (ignoring case).</summary>
    public async Task<IReadOnlyList<QueueEntry>> ListAsync(AdminActor actor, string? search, CancellationToken cancellationToken)
    {
        Require(actor);
        var needle = search?.Trim() ?? string.Empty;
        var queue = await engine.QueueAsync(cancellationToken).ConfigureAwait(false);
        return queue.Where(m => DomainOf(actor, m) is not null && (needle.Length == 0 || Matches(m, needle))).ToArray();
    }

    /// <summary>One queued message the actor may see; null when there is none.</summary>
    public async Task<QueueEntry?> GetAsync(AdminActor actor, string id, CancellationToken cancellationToken) =>
        (await ListAsync(actor, null, cancellationToken).ConfigureAwait(false)).FirstOrDefault(m => string.Equals(m.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Makes the message's waiting recipients due now; false when the actor sees no such message.</summary>
    public Task<bool> RetryAsync(AdminActor actor, string id, CancellationToken cancellationToken) =>
        ActAsync(actor, id, OperationsAuditActions.QueueRetry, engine.RetryAsync, cancellationToken);

    /// <summary>Removes the message undelivered; false when the actor sees no such message.</summary>
    public Task<bool> DeleteAsync(AdminActor actor, string id, CancellationToken cancellationToken) =>
        ActAsync(actor, id, OperationsAuditActions.QueueDelete, engine.DeleteQueuedAsync, cancellationToken);

    /// <summary>The domain a message is the actor's by (its sender's, else its first recipient's that the actor
    /// manages), or null when it concerns none of the actor's domains. The appliance admin's entries go under the
    /// sender's domain.</summary>
    internal static string? DomainOf(AdminActor actor, QueueEntry message)
    {
        var sender = message.Sender.Length > 0 ? AccountAdministration.DomainOf(message.Sender) : string.Empty;
        if (actor.Scope.Covers(sender))
        {
            return sender;
        }

        return message.Recipients.Select(r => AccountAdministration.DomainOf(r.Address)).FirstOrDefault(actor.Scope.Covers);
    }

    private static bool Matches(QueueEntry message, string needle) =>
        message.Id.Contains(needle, StringComparison.OrdinalIgnoreCase)
        || message.Sender.Contains(needle, StringComparison.OrdinalIgnoreCase)
        || message.Recipients.Any(r => r.Address.Contains(needle, StringComparison.OrdinalIgnoreCase));

    private static void Require(AdminActor actor)
    {
        if (!actor.Scope.EditsAccounts)
        {
            throw new AdminForbiddenException($"{actor.Address} may not see the queue");
        }
    }

    private async Task<bool> ActAsync(AdminActor actor, string id, string action, Func<string, CancellationToken, Task<bool>> act, CancellationToken cancellationToken)
    {
        var message = await GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
        if (message is null || !await act(message.Id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var recipients = string.Join(", ", message.Recipients.Select(r => r.Address));
        await changes.RecordAsync(actor, action, message.Id, DomainOf(actor, message) ?? string.Empty,
            $"{(message.Sender.Length == 0 ? "<>" : message.Sender)} → {recipients}").ConfigureAwait(false);
        return true;
    }
}
