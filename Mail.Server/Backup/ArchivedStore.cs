namespace Mail.Server.Backup;

/// <summary>What a backup took of the message store.</summary>
/// <param name="Messages">Message rows in the index snapshot.</param>
/// <param name="Mailboxes">Mailboxes in the index snapshot.</param>
/// <param name="Bodies">Body files archived.</param>
/// <param name="Bytes">Their size.</param>
/// <param name="Missing">Bodies the index references that were not in the store (already damaged; see verify).</param>
/// <param name="Snapshots">How many index snapshots it took to get one whose bodies were all still there.</param>
internal sealed record ArchivedStore(long Messages, long Mailboxes, long Bodies, long Bytes, IReadOnlyList<string> Missing, int Snapshots);
