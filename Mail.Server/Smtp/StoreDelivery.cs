using System.Buffers;
using System.Globalization;
using System.Net;
using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Server.Dkim;
using Mail.Server.Auth;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Smtp.Transport;
using Mail.Server.Store;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using IMessageStore = SmtpServer.Storage.IMessageStore;
using IMessageTransaction = SmtpServer.IMessageTransaction;

namespace Mail.Server.Smtp;

/// <summary>Takes a received message from SmtpServer: inspects the bytes, adds the trace headers, expands
/// groups, stores one body for every local recipient and spools the copy for other domains, all fsynced
/// before the 250 goes out. A group member whose mailbox is full is left out and reported to the sender in a
/// non-delivery report, so one full mailbox neither blocks the group nor loses the message silently. The spooled
/// copy is DKIM-signed when <paramref name="signing"/> is given (submission, external group members). Mail from other
/// servers (unauthenticated sessions) goes through <paramref name="inbound"/> (SPF, DKIM, DMARC) when it is set.</summary>
internal sealed class StoreDelivery(
    MailDirectory directory, MessageStore store, OutboundSpool spool, SenderRights rights, QuotaCheck quota, BounceSender bounces, string hostname, TimeProvider time,
    OutboundSigner? signing = null, InboundAuthenticator? inbound = null, DeliveryJournal? journal = null) : IMessageStore
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        buffer = WithoutDataPrefix(context, buffer);
        if (buffer.Length == 0)
        {
            return Reply(554, "5.6.0 empty message");
        }

        if (MessageDataInspector.Inspect(buffer) is { } refusal)
        {
            return Reply(refusal.Code, refusal.Enhanced + " " + refusal.Text);
        }

        try
        {
            if (context.Authentication.IsAuthenticated && !await FromHeaderIsOwnedAsync(context.Authentication.User, buffer, cancellationToken).ConfigureAwait(false))
            {
                return SmtpReplies.Response(SenderRights.NotYours);
            }
        }
        catch (SmtpResponseException ex)
        {
            return ex.Response;
        }

        var accepted = context.Properties.TryGetValue(SmtpSessionKeys.Recipients, out var value) && value is List<RecipientDecision> list ? list : [];
        if (accepted.Count == 0)
        {
            return Reply(554, "5.5.1 no valid recipients");
        }

        var sender = transaction.From?.AsAddress() ?? string.Empty;
        var local = new SortedSet<string>(StringComparer.Ordinal);
        var outbound = new SortedSet<string>(StringComparer.Ordinal);
        var full = new List<FailedRecipient>();
        string? externalGroup = null;
        try
        {
            foreach (var recipient in accepted)
            {
                switch (recipient.Kind)
                {
                    case RecipientKind.LocalAccount:
                        local.Add(recipient.Address!);
                        break;
                    case RecipientKind.Outbound:
                        outbound.Add(recipient.Address!);
                        break;
                    case RecipientKind.LocalGroup:
                        var before = outbound.Count;
                        await ExpandAsync(recipient.Address!, local, outbound, full, cancellationToken).ConfigureAwait(false);
                        externalGroup ??= outbound.Count > before ? recipient.Address : null;
                        break;
                }
            }
        }
        catch (DirectoryUnavailableException)
        {
            return Reply(451, "4.4.3 directory temporarily unavailable, try again later");
        }

        var queueId = OutboundSpool.NewId();
        var verdict = inbound is null || context.Authentication.IsAuthenticated
            ? null
            : await inbound.CheckAsync(new InboundEnvelope(ClientAddress(context), ClientHelo(context), sender), buffer, queueId, cancellationToken).ConfigureAwait(false);
        if (verdict?.Disposition == MessageDisposition.Reject)
        {
            var dmarcRefusal = $"5.7.1 rejected by the DMARC policy of {verdict.Dmarc.FromDomain}";
            journal?.Add(new JournalEntry(time.GetUtcNow(), queueId, sender, accepted[0].Address ?? string.Empty, JournalEventKind.Refused, "550 " + dmarcRefusal));
            return Reply(550, dmarcRefusal);
        }

        buffer = ForgedResultsRemover.Remove(buffer, hostname);
        var arrival = time.GetUtcNow();
        var (rented, length) = Compose(context, sender, accepted, queueId, buffer, verdict?.Header);
        try
        {
            var message = rented.AsMemory(0, length);
            if (local.Count > 0)
            {
                // A visible buffer lets the store stage a small body from it (see MessageStore.DeliverAsync).
                using var stream = new MemoryStream(rented, 0, length, writable: false, publiclyVisible: true);
                var folder = verdict?.Disposition == MessageDisposition.Junk ? DeliveryFolder.Junk : DeliveryFolder.Inbox;
                await store.DeliverAsync(stream, local.ToArray(), arrival, folder, cancellationToken).ConfigureAwait(false);
            }

            if (outbound.Count > 0)
            {
                var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
                var copy = signing is null ? message : await signing.SignOutboundAsync(message, user, externalGroup, verdict?.Dmarc.Result == AuthResult.Pass, cancellationToken).ConfigureAwait(false);
                await spool.EnqueueAsync(sender, outbound.ToArray(), copy, cancellationToken, queueId).ConfigureAwait(false);
            }

            if (full.Count > 0)
            {
                try
                {
                    await bounces.SendAsync(sender, full, new ReadOnlySequence<byte>(message), arrival, cancellationToken).ConfigureAwait(false);
                }
                catch (DirectoryUnavailableException)
                {
                    // The message itself is stored for everyone else; only the report could not be routed.
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        journal?.Add(new JournalEntry(arrival, queueId, sender, local.Concat(outbound).FirstOrDefault() ?? accepted[0].Address ?? string.Empty, JournalEventKind.Accepted, Accepted(local.Count, outbound.Count, verdict)));
        return Reply(250, $"2.0.0 queued as {queueId}");
    }

    // Where the message went, in the journal's words: how many mailboxes here, how many recipients queued, and Junk.
    private static string Accepted(int local, int outbound, InboundVerdict? verdict)
    {
        var parts = new List<string>(3);
        if (local > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{local} local mailbox(es)"));
        }

        if (outbound > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{outbound} recipient(s) queued for other domains"));
        }

        if (verdict?.Disposition == MessageDisposition.Junk)
        {
            parts.Add("into Junk (DMARC)");
        }

        return string.Join(", ", parts);
    }

    private static SmtpResponse Reply(int code, string text) => new((SmtpReplyCode)code, text);

    /// <summary>Sorts a group's final recipients into local and outbound; members whose mailbox is full go to
    /// <paramref name="full"/> instead.</summary>
    private async Task ExpandAsync(string group, SortedSet<string> local, SortedSet<string> outbound, List<FailedRecipient> full, CancellationToken cancellationToken)
    {
        foreach (var member in await directory.Expander.ExpandAsync(group, cancellationToken).ConfigureAwait(false))
        {
            var kind = (await directory.Resolver.ResolveAsync(member, cancellationToken).ConfigureAwait(false)).Kind;
            if (kind == AddressKind.NotHosted)
            {
                outbound.Add(member);
            }
            else if (!local.Contains(member) && await quota.IsFullAsync(member, cancellationToken).ConfigureAwait(false))
            {
                full.Add(new FailedRecipient(member, QuotaCheck.MailboxFull, group));
            }
            else
            {
                local.Add(member);
            }
        }
    }

    // Our listener put a CRLF in front of the data (see DataPrefixInjector); it is not part of the message.
    private static ReadOnlySequence<byte> WithoutDataPrefix(ISessionContext context, ReadOnlySequence<byte> buffer)
    {
        if (context.Pipe is not SmtpConnectionPipe { Data.Applied: true } || buffer.Length < 2)
        {
            return buffer;
        }

        Span<byte> head = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(head);
        return head.SequenceEqual("\r\n"u8) ? buffer.Slice(2) : buffer;
    }

    /// <summary>Submitted mail may only carry the user's own addresses in From (RFC 6409 8.1 lets the
    /// submission server check this); a directory outage answers 451 through the exception.</summary>
    private async Task<bool> FromHeaderIsOwnedAsync(string login, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(buffer.ToArray(), writable: false);
        var headers = await MimeKit.HeaderList.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        foreach (var header in headers.Where(h => h.Id == MimeKit.HeaderId.From))
        {
            if (!MimeKit.InternetAddressList.TryParse(header.Value, out var list))
            {
                return false;
            }

            foreach (var mailbox in list.Mailboxes)
            {
                var owned = await SmtpReplies.OrUnavailableAsync(() => rights.MayUseAsync(login, mailbox.Address, cancellationToken)).ConfigureAwait(false);
                if (!owned)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static IPAddress ClientAddress(ISessionContext context) =>
        context.Properties.TryGetValue(EndpointListener.RemoteEndPointKey, out var endpoint) && endpoint is IPEndPoint ip ? ip.Address : IPAddress.None;

    private static string ClientHelo(ISessionContext context) =>
        context.Properties.TryGetValue(SmtpSessionKeys.Helo, out var name) && name is string h ? h : "unknown";

    /// <summary>The message as stored: trace headers, the Authentication-Results of the inbound checks, the received
    /// bytes, the final CRLF; in a pooled buffer (a big message would otherwise be a fresh large-object allocation
    /// each time) that the caller returns.</summary>
    private (byte[] Rented, int Length) Compose(
        ISessionContext context, string sender, List<RecipientDecision> accepted, string queueId, ReadOnlySequence<byte> buffer, string? authenticationResults)
    {
        var trace = TraceHeaders.Build(new TraceFacts(
            sender, ClientHelo(context), ClientAddress(context), hostname,
            context.Pipe.IsSecure ? context.Pipe.SslProtocol.ToString() : null, (context.Pipe as SmtpConnectionPipe)?.CipherSuite,
            context.Authentication.IsAuthenticated, queueId,
            accepted.Count == 1 ? accepted[0].Address : null, time.GetUtcNow())) + authenticationResults;
        var traceBytes = System.Text.Encoding.UTF8.GetBytes(trace);

        // SmtpServer drops the CRLF that ends the last line; put it back so the stored message is whole.
        var length = traceBytes.Length + (int)buffer.Length + CrLf.Length;
        var message = ArrayPool<byte>.Shared.Rent(length);
        traceBytes.CopyTo(message, 0);
        buffer.CopyTo(message.AsSpan(traceBytes.Length));
        CrLf.CopyTo(message, traceBytes.Length + (int)buffer.Length);
        return (message, length);
    }
}
