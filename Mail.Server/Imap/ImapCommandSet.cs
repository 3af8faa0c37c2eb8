using System.Diagnostics.CodeAnalysis;
using Mail.Server.Imap.Commands;

namespace Mail.Server.Imap;

/// <summary>Every command the server knows, by name.</summary>
internal sealed class ImapCommandSet
{
    private static readonly HashSet<string> UidForms = new(StringComparer.Ordinal) { "FETCH", "STORE", "COPY", "MOVE", "SEARCH", "EXPUNGE", "SORT", "THREAD" };

    private readonly Dictionary<string, IImapCommand> _commands;

    public ImapCommandSet(IEnumerable<IImapCommand> commands) =>
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>True for commands that have a UID form.</summary>
    public static bool HasUidForm(string name) => UidForms.Contains(name);

    public bool TryGet(string name, [NotNullWhen(true)] out IImapCommand? command) => _commands.TryGetValue(name, out command);
}
