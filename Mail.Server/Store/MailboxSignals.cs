using System.Collections.Concurrent;

namespace Mail.Server.Store;

/// <summary>Tells the sessions of an account (IMAP IDLE, POP3) that its mailboxes changed in this process: a
/// delivery, an expunge, a flag change. A signal says only "look again"; the session reads what changed from the
/// index by MODSEQ, so a missed or doubled signal costs nothing but a query.</summary>
public sealed class MailboxSignals
{
    private readonly ConcurrentDictionary<string, Listeners> _accounts = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="changed"/> (on the signalling thread: keep it short) whenever one of
    /// <paramref name="account"/>'s mailboxes changes, until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(string account, Action changed)
    {
        var listeners = _accounts.GetOrAdd(account, _ => new Listeners());
        lock (listeners)
        {
            listeners.Callbacks.Add(changed);
        }

        return new Subscription(this, account, listeners, changed);
    }

    /// <summary>Signals every session of <paramref name="account"/>.</summary>
    public void Raise(string account)
    {
        if (!_accounts.TryGetValue(account, out var listeners))
        {
            return;
        }

        Action[] callbacks;
        lock (listeners)
        {
            callbacks = [.. listeners.Callbacks];
        }

        foreach (var callback in callbacks)
        {
            callback();
        }
    }

    private void Unsubscribe(string account, Listeners listeners, Action changed)
    {
        lock (listeners)
        {
            listeners.Callbacks.Remove(changed);
            if (listeners.Callbacks.Count == 0)
            {
                _accounts.TryRemove(new KeyValuePair<string, Listeners>(account, listeners));
            }
        }
    }

    private sealed class Listeners
    {
        public List<Action> Callbacks { get; } = [];
    }

    private sealed class Subscription(MailboxSignals owner, string account, Listeners listeners, Action changed) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(account, listeners, changed);
            }
        }
    }
}
