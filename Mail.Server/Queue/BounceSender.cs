using System.Buffers;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Server.Store;

namespace Mail.Server.Queue;

/// <summary>Returns a non-delivery report to the sender of a message: into the store when the sender is an account
/// here, else into the outbound spool with the null sender. A message with the null sender (itself a report) is
/// never bounced, so two systems cannot bounce at each other for ever. A report that leaves is DKIM-signed when
/// <paramref name="signing"/> is given.</summary>
public sealed class BounceSender(MailDirectory directory, MessageStore store, OutboundSpool spool, string hostname, TimeProvider time, OutboundSigner? signing = null)
{
    // Mail on the wire and in the store ends lines with CRLF, whatever the platform's newline.
    private static readonly MimeKit.FormatOptions CrLf = CreateFormat();

    /// <summary>Sends the report; returns false when none is due (null sender, or a sender here that is no account).</summary>
    public async Task<bool> SendAsync(
        string sender, IReadOnlyList<FailedRecipient> failed, ReadOnlySequence<byte> original, DateTimeOffset arrival, CancellationToken cancellationToken,
        NoticeKind kind = NoticeKind.Failed)
    {
        if (string.IsNullOrEmpty(sender) || failed.Count == 0)
        {
            return false;
        }

        var notice = DeliveryStatusNotice.Create(hostname, sender, failed, original, arrival, time.GetUtcNow(), kind);
        using var bytes = new MemoryStream();
        await notice.WriteToAsync(CrLf, bytes, cancellationToken).ConfigureAwait(false);
        var resolved = await directory.Resolver.ResolveAsync(sender, cancellationToken).ConfigureAwait(false);
        switch (resolved.Kind)
        {
            case AddressKind.Account:
                bytes.Position = 0;
                await store.DeliverAsync(bytes, [resolved.PrimaryAddress ?? resolved.Address], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return true;
            case AddressKind.NotHosted:
                var report = signing is null ? bytes.ToArray() : await signing.SignReportAsync(bytes.ToArray(), cancellationToken).ConfigureAwait(false);
                await spool.EnqueueAsync(string.Empty, [resolved.Address], report, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private static MimeKit.FormatOptions CreateFormat()
    {
        var format = MimeKit.FormatOptions.Default.Clone();
        format.NewLineFormat = MimeKit.NewLineFormat.Dos;
        return format;
    }
}
