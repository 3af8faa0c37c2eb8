using Mail.Directory;
using Mail.Server.Store;

namespace Mail.Server.Smtp;

/// <summary>Refuses new mail for an account whose mailboxes already hold its quota (the account's own
/// <c>maQuota</c>, else the appliance default): 452 4.2.2, a temporary answer, so the sender retries
/// after the owner cleaned up instead of bouncing.</summary>
public sealed class QuotaCheck(MailDirectory directory, MessageStore store, long defaultQuotaBytes)
{
    /// <summary>The refusal for a full mailbox.</summary>
    public static SmtpReply OverQuota { get; } = new(452, "4.2.2", "mailbox full, try again later");

    /// <summary>True when <paramref name="account"/> (a primary address) is at or over its quota.</summary>
    public async Task<bool> IsFullAsync(string account, CancellationToken cancellationToken)
    {
        var quota = (await directory.Accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).QuotaBytes ?? defaultQuotaBytes;
        return quota > 0 && store.Index.Usage(account) >= quota;
    }
}
