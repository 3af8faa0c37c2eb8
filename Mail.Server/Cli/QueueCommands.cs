using System.CommandLine;
using System.Globalization;
using Mail.Server.Queue;
using Mail.WebAdmin.Operations;

namespace Mail.Server.Cli;

/// <summary><c>queue list|show|retry|delete|flush|stats</c>: the outbound queue, read and changed while the appliance
/// runs (it notices within a second).</summary>
internal static class QueueCommands
{
    public static Command Build()
    {
        var list = new Command("list", "List queued messages and the recipients still waiting");
        CommandAction.Set(list, (r, _) =>
        {
            var spool = Open(r);
            var messages = spool.Database.List();
            if (messages.Count == 0)
            {
                Console.WriteLine("the queue is empty");
                return Task.CompletedTask;
            }

            Console.WriteLine($"{"ID",-16}  {"SIZE",9}  {"QUEUED (UTC)",-20}  SENDER");
            foreach (var message in messages)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{message.Id,-16}  {message.Size,9}  {Time(message.Queued),-20}  <{message.Sender}>"));
                foreach (var recipient in message.Pending)
                {
                    Console.WriteLine($"    {Describe(recipient)}");
                }
            }

            var stats = spool.Database.Statistics();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-- {stats.Messages} message(s), {stats.PendingRecipients} recipient(s) waiting"));
            return Task.CompletedTask;
        });

        var show = new Command("show", "Show one queued message: envelope, every recipient's state, and its header");
        var showId = new Argument<string>("ID");
        show.Add(showId);
        CommandAction.Set(show, async (r, ct) =>
        {
            var spool = Open(r);
            var id = r.GetRequiredValue(showId).Trim().ToUpperInvariant();
            var message = spool.Database.Find(id) ?? throw new CliException($"no message {id} in the queue");
            Console.WriteLine($"id: {message.Id}");
            Console.WriteLine($"sender: <{message.Sender}>");
            Console.WriteLine($"queued: {Time(message.Queued)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"size: {message.Size} bytes"));
            foreach (var recipient in message.Recipients)
            {
                Console.WriteLine($"recipient: {Describe(recipient)}");
            }

            var stream = spool.OpenMessage(id) ?? throw new CliException($"the file of {id} is gone");
            await using (stream.ConfigureAwait(false))
            {
                var headers = await MimeKit.HeaderList.LoadAsync(stream, ct).ConfigureAwait(false);
                Console.WriteLine();
                foreach (var header in headers)
                {
                    Console.WriteLine($"{header.Field}: {header.Value}");
                }
            }
        });

        var retry = new Command("retry", "Try a queued message's waiting recipients now");
        var retryId = new Argument<string>("ID");
        retry.Add(retryId);
        CommandAction.Set(retry, async (r, _) =>
        {
            var spool = Open(r);
            var id = r.GetRequiredValue(retryId).Trim().ToUpperInvariant();
            if (spool.Database.Find(id) is not { } message)
            {
                throw new CliException($"no message {id} in the queue");
            }

            spool.Database.MakeDue(id, spool.Time.GetUtcNow());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id}: {message.Pending.Count()} recipient(s) due now"));
            await RecordAsync(r, OperationsAuditActions.QueueRetry, message).ConfigureAwait(false);
        });

        var delete = new Command("delete", "Remove a message from the queue without delivering it (nobody is told)");
        var deleteId = new Argument<string>("ID");
        delete.Add(deleteId);
        CommandAction.Set(delete, async (r, _) =>
        {
            var spool = Open(r);
            var id = r.GetRequiredValue(deleteId).Trim().ToUpperInvariant();

            // Read first, for the audit entry: once deleted, nothing says whose mail it was.
            if (spool.Database.Find(id) is not { } message || !spool.Delete(id))
            {
                throw new CliException($"no message {id} in the queue");
            }

            Console.WriteLine($"deleted {id}");
            await RecordAsync(r, OperationsAuditActions.QueueDelete, message).ConfigureAwait(false);
        });

        var flush = new Command("flush", "Try every waiting recipient now");
        CommandAction.Set(flush, async (r, _) =>
        {
            var spool = Open(r);
            spool.Database.MakeDue(null, spool.Time.GetUtcNow());
            var due = spool.Database.Statistics().PendingRecipients;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{due} recipient(s) due now"));

            // Of no one domain: only the appliance admin sees it.
            await CommandAudit.RecordAsync(r, OperationsAuditActions.QueueFlush, "queue",
                string.Create(CultureInfo.InvariantCulture, $"{due} recipient(s)"), domain: string.Empty).ConfigureAwait(false);
        });

        var stats = new Command("stats", "Queue size, oldest message and waiting recipients per domain");
        CommandAction.Set(stats, (r, _) =>
        {
            var facts = Open(r).Database.Statistics();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages: {facts.Messages}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recipients waiting: {facts.PendingRecipients}"));
            Console.WriteLine($"oldest: {(facts.Oldest is { } oldest ? Time(oldest) : "-")}");
            foreach (var (domain, count) in facts.PendingByDomain)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"domain {domain}: {count}"));
            }

            return Task.CompletedTask;
        });

        return new Command("queue", "Look at and manage the outbound queue") { list, show, retry, delete, flush, stats };
    }

    // As the web admin records it: the message under its sender's domain, else its first recipient's.
    private static Task RecordAsync(ParseResult result, string action, QueuedMessage message)
    {
        var owner = message.Sender.Length > 0 ? message.Sender : message.Recipients.Count > 0 ? message.Recipients[0].Address : string.Empty;
        var detail = $"{(message.Sender.Length == 0 ? "<>" : message.Sender)} → {string.Join(", ", message.Recipients.Select(r => r.Address))}";
        return CommandAudit.RecordAsync(result, action, message.Id, detail, CommandAudit.DomainOf(owner));
    }

    private static OutboundSpool Open(ParseResult result) => new(CliApplication.InitialisedData(result).SpoolFolder);

    private static string Time(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Describe(QueuedRecipient recipient)
    {
        var state = recipient.State switch
        {
            RecipientState.Delivered => "delivered",
            RecipientState.Failed => "failed",
            _ => "waiting",
        };
        var next = recipient.State == RecipientState.Pending ? $", next attempt {Time(recipient.NextAttempt)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{recipient.Address}  {state}, {recipient.Attempts} attempt(s){next}{(recipient.LastReply is { } reply ? ": " + reply : string.Empty)}");
    }
}
