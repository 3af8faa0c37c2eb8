using Mail.Server.Store;

namespace Mail.Server.Pop3.Session;

/// <summary>The INBOX of one account as POP3 sees it: the messages present at login, numbered from 1 in UID order and
/// fixed for the session (RFC 1939 section 5), with the deletion marks of this session. Nothing changes in the store
/// until <see cref="CommitDeletions"/>, which QUIT calls; deliveries during the session are seen at the next login.</summary>
internal sealed class Maildrop
{
    private readonly MessageStore _store;
    private readonly MaildropMessage[] _messages;
    private readonly bool[] _deleted;

    private Maildrop(MessageStore store, string account, MailboxInfo inbox, MaildropMessage[] messages)
    {
        _store = store;
        Account = account;
        MailboxId = inbox.Id;
        UidValidity = inbox.UidValidity;
        _messages = messages;
        _deleted = new bool[messages.Length];
        Reset();
    }

    /// <summary>The account (primary address) the maildrop belongs to.</summary>
    public string Account { get; }

    /// <summary>The INBOX's id in the index.</summary>
    public long MailboxId { get; }

    /// <summary>The INBOX's UIDVALIDITY, part of every unique id.</summary>
    public long UidValidity { get; }

    /// <summary>Messages not marked deleted.</summary>
    public int Count { get; private set; }

    /// <summary>Octets of the messages not marked deleted.</summary>
    public long Size { get; private set; }

    /// <summary>Every message not marked deleted, in message-number order.</summary>
    public IEnumerable<MaildropMessage> Present
    {
        get
        {
            for (var i = 0; i < _messages.Length; i++)
            {
                if (!_deleted[i])
                {
                    yield return _messages[i];
                }
            }
        }
    }

    /// <summary>Reads the account's INBOX, creating the account's mailboxes when it has none yet (an account that
    /// never received mail), so it shows as an empty maildrop.</summary>
    public static Maildrop Open(MessageStore store, string account)
    {
        var inbox = Inbox(store, account);
        if (inbox is null)
        {
            store.Index.EnsureAccount(account);
            inbox = Inbox(store, account) ?? throw new InvalidOperationException($"no INBOX for {account} after creating it");
        }

        // One query for every message's UID, body and size: the maildrop as it is at this moment.
        var rows = store.Index.Contents.Rows(inbox.Id);
        var messages = new MaildropMessage[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            messages[i] = new MaildropMessage(i + 1, rows[i].Uid, rows[i].Hash, rows[i].Size);
        }

        return new Maildrop(store, account, inbox, messages);
    }

    /// <summary>The message with <paramref name="number"/> and whether it may be used.</summary>
    public (MaildropLookup Outcome, MaildropMessage? Message) Find(int number)
    {
        if (number < 1 || number > _messages.Length)
        {
            return (MaildropLookup.NoSuchMessage, null);
        }

        return _deleted[number - 1] ? (MaildropLookup.Deleted, null) : (MaildropLookup.Found, _messages[number - 1]);
    }

    /// <summary>The unique id of a message for UIDL (RFC 1939 section 7): stable across sessions because UIDs are
    /// never reused within one UIDVALIDITY.</summary>
    public string UniqueId(MaildropMessage message) =>
        FormattableString.Invariant($"{UidValidity}-{message.Uid}");

    /// <summary>Marks a message for deletion at QUIT.</summary>
    public void Delete(MaildropMessage message)
    {
        if (!_deleted[message.Number - 1])
        {
            _deleted[message.Number - 1] = true;
            Count--;
            Size -= message.Size;
        }
    }

    /// <summary>Removes every deletion mark (RSET).</summary>
    public void Reset()
    {
        Array.Clear(_deleted);
        Count = _messages.Length;
        Size = 0;
        foreach (var message in _messages)
        {
            Size += message.Size;
        }
    }

    /// <summary>Opens a message's stored bytes; null when it is gone from the store (expunged meanwhile and its body
    /// deleted).</summary>
    public Stream? OpenBody(MaildropMessage message)
    {
        try
        {
            return _store.Bodies.OpenRead(message.Hash);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The UPDATE state (RFC 1939 section 6): removes the marked messages from the INBOX in one transaction.
    /// Messages an IMAP session expunged meanwhile are skipped by the store. Returns how many were marked.</summary>
    public int CommitDeletions()
    {
        var uids = new List<long>();
        for (var i = 0; i < _messages.Length; i++)
        {
            if (_deleted[i])
            {
                uids.Add(_messages[i].Uid);
            }
        }

        if (uids.Count > 0)
        {
            _store.Expunge(MailboxId, uids);
        }

        return uids.Count;
    }

    private static MailboxInfo? Inbox(MessageStore store, string account) =>
        store.Index.Mailboxes(account).FirstOrDefault(m => m.Name == StandardMailboxes.Inbox);
}
