using Mail.Server.Imap.Protocol;
using Mail.Server.Imap.Sorting;

namespace Mail.Server.Imap.Commands;

/// <summary>THREAD and UID THREAD (RFC 5256 section 3) with the ORDEREDSUBJECT and REFERENCES algorithms: the
/// matching messages as a THREAD response of sequence numbers (or UIDs).</summary>
internal sealed class ThreadCommand : IImapCommand
{
    public string Name => "THREAD";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        var algorithm = (arguments.Count > 0 ? arguments[0].Keyword : string.Empty) switch
        {
            "ORDEREDSUBJECT" => ThreadAlgorithm.OrderedSubject,
            "REFERENCES" => ThreadAlgorithm.References,
            _ => throw new ImapSyntaxException("THREAD needs ORDEREDSUBJECT or REFERENCES, a charset and search criteria"),
        };

        if (SortingSearch.Run(session, arguments, 1, cancellationToken) is not { } found)
        {
            return ImapCompletion.No(SortCharset.Refusal);
        }

        var uids = found.Uids;
        var depth = algorithm == ThreadAlgorithm.References ? MessageFactsDepth.References : MessageFactsDepth.Envelope;
        var facts = await MessageFactsReader.ReadAsync(session, uids, depth, cancellationToken).ConfigureAwait(false);
        var threads = algorithm == ThreadAlgorithm.References ? ReferencesThreading.Build(facts) : OrderedSubjectThreading.Build(facts);
        session.Output.Untagged(ThreadFormatter.Format(threads, command.IsUid));
        await session.SynchronizeAsync(allowExpunge: command.IsUid, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"{(command.IsUid ? "UID " : string.Empty)}THREAD completed");
    }
}
