using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>ENABLE (RFC 5161): CONDSTORE, QRESYNC (which implies CONDSTORE), UTF8=ACCEPT and IMAP4rev2.</summary>
internal sealed class EnableCommand : IImapCommand
{
    private static readonly string[] Known = ["CONDSTORE", "QRESYNC", "UTF8=ACCEPT", "IMAP4REV2"];

    public string Name => "ENABLE";

    public ImapState AllowedIn => ImapState.Authenticated;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count == 0 || command.Arguments.Any(a => a.Kind != ImapTokenKind.Atom))
        {
            throw new ImapSyntaxException("ENABLE needs capability names");
        }

        var newly = new List<string>();
        foreach (var name in command.Arguments.Select(a => a.Keyword).Where(Known.Contains))
        {
            var canonical = name == "IMAP4REV2" ? "IMAP4rev2" : name;
            if (session.Enabled.Add(canonical))
            {
                newly.Add(canonical);
            }

            if (name is "CONDSTORE" or "QRESYNC")
            {
                session.CondStore = true;
            }
        }

        session.Output.Untagged("ENABLED" + string.Concat(newly.Select(n => " " + n)));
        return Task.FromResult(ImapCompletion.Ok("ENABLE completed"));
    }
}
