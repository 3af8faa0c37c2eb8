using System.Collections.Concurrent;
using Mail.Directory;
using Mail.Server.Store;

namespace Mail.Server.Smtp;

/// <summary>Tells whether an account's mailboxes already hold its quota (the account's own <c>maQuota</c>, else the
/// appliance default). At RCPT that is 452 4.2.2, a temporary answer, so the sender retries after the owner cleaned
/// up; for a group member found full at delivery it is 552 5.2.2 in a non-delivery report, as Dovecot answers.
/// Quotas read from the directory are kept for the directory cache's lifetime; usage is read fresh every time.</summary>
public sealed class QuotaCheck(MailDirectory directory, MessageStore store, long defaultQuotaBytes, TimeSpan cacheFor, TimeProvider time)
{
    private const int MaxCached = 100_000;
    private readonly ConcurrentDictionary<string, (long Quota, long ExpiresTicks)> _quotas = new(StringComparer.Ordinal);

    /// <summary>The refusal at RCPT for a full mailbox.</summary>
    public static SmtpReply OverQuota { get; } = new(452, "4.2.2", "mailbox full, try again later");

    /// <summary>The failure reported for a group member whose mailbox is full.</summary>
    public static SmtpReply MailboxFull { get; } = new(552, "5.2.2", "mailbox full");

    /// <summary>True when <paramref name="account"/> (a primary address) is at or over its quota.</summary>
    public async Task<bool> IsFullAsync(string account, CancellationToken cancellationToken)
    {
        var quota = await QuotaAsync(account, cancellationToken).ConfigureAwait(false);
        return quota > 0 && store.Index.Usage(account) >= quota;
    }

    /// <summary>The account's quota in octets (0: none).</summary>
    public async Task<long> QuotaAsync(string account, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_quotas.TryGetValue(account, out var cached) && cached.ExpiresTicks > now)
        {
            return cached.Quota;
        }

        var quota = (await directory.Accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).QuotaBytes ?? defaultQuotaBytes;
        if (cacheFor > TimeSpan.Zero)
        {
            if (_quotas.Count >= MaxCached)
            {
                _quotas.Clear();
            }

            _quotas[account] = (quota, now + cacheFor.Ticks);
        }

        return quota;
    }
}
