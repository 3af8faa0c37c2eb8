namespace Mail.WebAdmin.Engine;

/// <summary>One record a domain should publish, and what DNS answered for it.</summary>
/// <param name="Purpose">MX, SPF, DKIM, DMARC, autoconfig, autodiscover or host address.</param>
/// <param name="Name">The owner name, fully qualified with the final dot.</param>
/// <param name="Type">MX, TXT, CNAME or A/AAAA.</param>
/// <param name="Expected">The value to publish (a suggestion where several are right, e.g. SPF and DMARC).</param>
/// <param name="Found">What DNS answered for the name and type (empty when nothing).</param>
/// <param name="Status">Whether what is published does the job.</param>
/// <param name="Note">Why the status is what it is.</param>
public sealed record DnsRecordCheck(string Purpose, string Name, string Type, string Expected, IReadOnlyList<string> Found, DnsCheckStatus Status, DnsNote Note);
