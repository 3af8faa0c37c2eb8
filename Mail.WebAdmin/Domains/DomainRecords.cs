using Mail.WebAdmin.Engine;

namespace Mail.WebAdmin.Domains;

/// <summary>A domain's records to publish, each with what DNS answered.</summary>
internal sealed record DomainRecords(string Domain, IReadOnlyList<DnsRecordCheck> Checks)
{
    /// <summary>The records as zone-file lines, ready to paste into the domain's zone.</summary>
    public string ZoneFile => string.Join('\n', Checks.Select(ZoneFileLine.For));

    /// <summary>How many records need attention.</summary>
    public int Attention => Checks.Count(c => c.Status != DnsCheckStatus.Ok);
}
