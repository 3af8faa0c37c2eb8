using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Mail.Server.Auth;
using Mail.Server.Dkim;
using Mail.WebAdmin.Engine;

namespace Mail.Server.Dns;

/// <summary>What a hosted domain must publish in DNS for its mail to arrive, to be trusted by receivers, and for mail
/// clients to set themselves up; each record compared with what DNS answers. SPF is judged by evaluating the domain's
/// policy for the appliance's own addresses, not by the record's text.</summary>
internal sealed class PublishedRecordsCheck(ILookupClient dns, string hostname, ClientEndpoints clients)
{
    private static readonly DnsNote NoAnswer = new(DnsNoteKind.NoAnswer);
    private readonly string _host = Fqdn(hostname);

    /// <summary>The check for the appliance's host name and the client listeners it has on.</summary>
    public static PublishedRecordsCheck For(Hosting.ApplianceOptions options, ILookupClient dns) =>
        new(dns, options.Hostname, new ClientEndpoints(options.Submission.Port, options.SubmissionTls.Port, options.ImapTls.Port, options.Pop3Tls.Port));

    public async Task<IReadOnlyList<DnsRecordCheck>> CheckAsync(string domain, IReadOnlyList<DkimKey> keys, CancellationToken cancellationToken)
    {
        domain = domain.TrimEnd('.').ToLowerInvariant();
        var apex = domain + ".";
        var checks = new List<DnsRecordCheck>
        {
            await MxAsync(apex, cancellationToken).ConfigureAwait(false),
        };
        var (addressCheck, addresses) = await HostAddressesAsync(cancellationToken).ConfigureAwait(false);
        checks.Add(addressCheck);
        checks.Add(await SpfAsync(domain, addresses, cancellationToken).ConfigureAwait(false));
        foreach (var key in keys.Where(k => k.State != DkimKeyState.Retired))
        {
            checks.Add(await DkimAsync(domain, key, cancellationToken).ConfigureAwait(false));
        }

        checks.Add(await DmarcAsync(domain, cancellationToken).ConfigureAwait(false));
        checks.Add(await AliasAsync("autoconfig", "autoconfig." + apex, cancellationToken).ConfigureAwait(false));
        checks.Add(await AliasAsync("autodiscover", "autodiscover." + apex, cancellationToken).ConfigureAwait(false));

        // RFC 6186 (and 8314 for implicit TLS): clients that look up services find the host and port themselves.
        foreach (var (service, port) in new[] { ("_submissions._tcp", clients.SubmissionTls), ("_submission._tcp", clients.Submission), ("_imaps._tcp", clients.ImapTls), ("_pop3s._tcp", clients.Pop3Tls) })
        {
            if (port > 0)
            {
                checks.Add(await ServiceAsync($"{service}.{apex}", port, cancellationToken).ConfigureAwait(false));
            }
        }

        return checks;
    }

    /// <summary>A name with exactly one final dot, lower case.</summary>
    public static string Fqdn(string name) => name.TrimEnd('.').ToLowerInvariant() + ".";

    private async Task<DnsRecordCheck> MxAsync(string apex, CancellationToken cancellationToken)
    {
        var expected = $"10 {_host}";
        var (answer, failed) = await AskAsync(apex, QueryType.MX, cancellationToken).ConfigureAwait(false);
        var found = answer.MxRecords().Select(r => $"{r.Preference} {Fqdn(r.Exchange.Value)}").ToArray();
        var ours = answer.MxRecords().Any(r => Fqdn(r.Exchange.Value) == _host);
        return new DnsRecordCheck("MX", apex, "MX", expected, found,
            failed ? DnsCheckStatus.Unknown : ours ? DnsCheckStatus.Ok : found.Length == 0 ? DnsCheckStatus.Missing : DnsCheckStatus.Wrong,
            failed ? NoAnswer : ours ? new DnsNote(DnsNoteKind.MxOk) : found.Length == 0 ? new DnsNote(DnsNoteKind.MxMissing)
                : new DnsNote(DnsNoteKind.MxElsewhere, [_host]));
    }

    private async Task<(DnsRecordCheck Check, IReadOnlyList<IPAddress> Addresses)> HostAddressesAsync(CancellationToken cancellationToken)
    {
        var (v4, failed4) = await AskAsync(_host, QueryType.A, cancellationToken).ConfigureAwait(false);
        var (v6, failed6) = await AskAsync(_host, QueryType.AAAA, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<IPAddress> addresses = [.. v4.ARecords().Select(r => r.Address), .. v6.AaaaRecords().Select(r => r.Address)];
        var found = addresses.Select(a => a.ToString()).ToArray();
        var status = found.Length > 0 ? DnsCheckStatus.Ok : failed4 || failed6 ? DnsCheckStatus.Unknown : DnsCheckStatus.Missing;
        return (new DnsRecordCheck("host address", _host, "A/AAAA", "the appliance's public IPv4 and IPv6 addresses", found, status,
            status switch
            {
                DnsCheckStatus.Ok => new DnsNote(v6.AaaaRecords().Any() ? DnsNoteKind.AddressDualStack : DnsNoteKind.AddressNoIpv6),
                DnsCheckStatus.Unknown => NoAnswer,
                _ => new DnsNote(DnsNoteKind.AddressMissing),
            }), addresses);
    }

    private async Task<DnsRecordCheck> SpfAsync(string domain, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        var apex = domain + ".";
        const string Expected = "v=spf1 mx -all";
        var (answer, failed) = await AskAsync(apex, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var found = Texts(answer).Where(t => t.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (t.Length == 6 || t[6] == ' ')).ToArray();
        if (failed)
        {
            return new DnsRecordCheck("SPF", apex, "TXT", Expected, found, DnsCheckStatus.Unknown, NoAnswer);
        }

        if (found.Length != 1)
        {
            return new DnsRecordCheck("SPF", apex, "TXT", Expected, found, found.Length == 0 ? DnsCheckStatus.Missing : DnsCheckStatus.Wrong,
                new DnsNote(found.Length == 0 ? DnsNoteKind.SpfMissing : DnsNoteKind.SpfMultiple));
        }

        if (addresses.Count == 0)
        {
            return new DnsRecordCheck("SPF", apex, "TXT", Expected, found, DnsCheckStatus.Unknown, new DnsNote(DnsNoteKind.SpfUncheckable));
        }

        var spf = new SpfChecker(dns, hostname);
        var refused = new List<string>();
        foreach (var address in addresses)
        {
            var result = await spf.CheckAsync(new InboundEnvelope(address, hostname, "postmaster@" + domain), cancellationToken).ConfigureAwait(false);
            if (result.Result == AuthResult.TempError)
            {
                return new DnsRecordCheck("SPF", apex, "TXT", Expected, found, DnsCheckStatus.Unknown, new DnsNote(DnsNoteKind.SpfNoAnswer));
            }

            if (result.Result != AuthResult.Pass)
            {
                refused.Add($"{address} ({AuthResultText.Keyword(result.Result)})");
            }
        }

        return refused.Count == 0
            ? new DnsRecordCheck("SPF", apex, "TXT", Expected, found, DnsCheckStatus.Ok, new DnsNote(DnsNoteKind.SpfOk, [hostname]))
            : new DnsRecordCheck("SPF", apex, "TXT", Expected, found, DnsCheckStatus.Wrong, new DnsNote(DnsNoteKind.SpfRefuses, [string.Join(", ", refused)]));
    }

    private async Task<DnsRecordCheck> DkimAsync(string domain, DkimKey key, CancellationToken cancellationToken)
    {
        var name = DkimDnsRecord.Name(domain, key);
        var expected = DkimDnsRecord.Text(key);
        var (answer, failed) = await AskAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var found = Texts(answer).ToArray();
        var matches = found.Any(t => PublicKeyOf(t) == key.PublicKey);
        var purpose = $"DKIM ({key.AlgorithmName}, {(key.State == DkimKeyState.Active ? "signing" : "pending")})";
        return new DnsRecordCheck(purpose, name, "TXT", expected, found,
            failed ? DnsCheckStatus.Unknown : matches ? DnsCheckStatus.Ok : found.Length == 0 ? DnsCheckStatus.Missing : DnsCheckStatus.Wrong,
            failed ? NoAnswer : new DnsNote(matches ? DnsNoteKind.DkimOk : found.Length == 0 ? DnsNoteKind.DkimMissing : DnsNoteKind.DkimOtherKey));
    }

    private async Task<DnsRecordCheck> DmarcAsync(string domain, CancellationToken cancellationToken)
    {
        var name = $"_dmarc.{domain}.";
        var expected = $"v=DMARC1; p=quarantine; rua=mailto:postmaster@{domain}";
        var (answer, failed) = await AskAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var found = Texts(answer).Where(DmarcRecord.IsDmarc).ToArray();
        if (failed || found.Length != 1)
        {
            return new DnsRecordCheck("DMARC", name, "TXT", expected, found,
                failed ? DnsCheckStatus.Unknown : found.Length == 0 ? DnsCheckStatus.Missing : DnsCheckStatus.Wrong,
                failed ? NoAnswer : new DnsNote(found.Length == 0 ? DnsNoteKind.DmarcMissing : DnsNoteKind.DmarcMultiple));
        }

        return DmarcRecord.Parse(found[0]) is { } record
            ? new DnsRecordCheck("DMARC", name, "TXT", expected, found, DnsCheckStatus.Ok, new DnsNote(DnsNoteKind.DmarcPolicy, [record.Policy.ToString().ToLowerInvariant()]))
            : new DnsRecordCheck("DMARC", name, "TXT", expected, found, DnsCheckStatus.Wrong, new DnsNote(DnsNoteKind.DmarcUnparsable));
    }

    private async Task<DnsRecordCheck> AliasAsync(string purpose, string name, CancellationToken cancellationToken)
    {
        var (answer, failed) = await AskAsync(name, QueryType.CNAME, cancellationToken).ConfigureAwait(false);
        var found = answer.CnameRecords().Select(r => Fqdn(r.CanonicalName.Value)).ToArray();
        var ours = found.Contains(_host);
        return new DnsRecordCheck(purpose, name, "CNAME", _host, found,
            failed ? DnsCheckStatus.Unknown : ours ? DnsCheckStatus.Ok : found.Length == 0 ? DnsCheckStatus.Missing : DnsCheckStatus.Wrong,
            failed ? NoAnswer : ours ? new DnsNote(DnsNoteKind.ClientNameOk)
                : found.Length == 0 ? new DnsNote(DnsNoteKind.ClientNameMissing) : new DnsNote(DnsNoteKind.ClientNameElsewhere, [_host]));
    }

    private async Task<DnsRecordCheck> ServiceAsync(string name, int port, CancellationToken cancellationToken)
    {
        var expected = $"0 1 {port} {_host}";
        var (answer, failed) = await AskAsync(name, QueryType.SRV, cancellationToken).ConfigureAwait(false);
        var records = answer.SrvRecords().ToArray();
        var found = records.Select(r => $"{r.Priority} {r.Weight} {r.Port} {Fqdn(r.Target.Value)}").ToArray();
        var ours = records.Any(r => r.Port == port && Fqdn(r.Target.Value) == _host);
        return new DnsRecordCheck("client SRV", name, "SRV", expected, found,
            failed ? DnsCheckStatus.Unknown : ours ? DnsCheckStatus.Ok : found.Length == 0 ? DnsCheckStatus.Missing : DnsCheckStatus.Wrong,
            failed ? NoAnswer : new DnsNote(ours ? DnsNoteKind.ServiceOk : found.Length == 0 ? DnsNoteKind.ServiceMissing : DnsNoteKind.ServiceElsewhere));
    }

    // NXDOMAIN and "no such record" are answers (nothing published); timeouts and server failures are not.
    private async Task<(IReadOnlyList<DnsResourceRecord> Answers, bool Failed)> AskAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dns.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var failed = response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain;
            return (failed ? [] : response.Answers, failed);
        }
        catch (DnsResponseException)
        {
            return ([], true);
        }
    }

    private static IEnumerable<string> Texts(IEnumerable<DnsResourceRecord> answers) => answers.TxtRecords().Select(r => string.Concat(r.Text));

    private static string? PublicKeyOf(string record) =>
        TagValueList.Parse(record, StringComparer.Ordinal).TryGetValue("p", out var p) ? string.Concat(p.Where(c => !char.IsWhiteSpace(c))) : null;
}
