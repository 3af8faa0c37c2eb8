namespace Mail.WebAdmin.Engine;

/// <summary>Why a DNS check came out as it did; the web admin shows it translated ("DnsNote." and the name in
/// OperationsResource), the CLI as <see cref="DnsNote.Text"/>. The comments name the arguments.</summary>
public enum DnsNoteKind
{
    /// <summary>DNS did not answer.</summary>
    NoAnswer,

    /// <summary>The MX names the appliance.</summary>
    MxOk,

    /// <summary>No MX record.</summary>
    MxMissing,

    /// <summary>{0}: the appliance's host name, which the MX records do not name.</summary>
    MxElsewhere,

    /// <summary>The host name has IPv4 and IPv6 addresses.</summary>
    AddressDualStack,

    /// <summary>The host name has no AAAA record.</summary>
    AddressNoIpv6,

    /// <summary>The host name has no address.</summary>
    AddressMissing,

    /// <summary>No SPF record.</summary>
    SpfMissing,

    /// <summary>More than one SPF record.</summary>
    SpfMultiple,

    /// <summary>An SPF record, but no address of the host to check it against.</summary>
    SpfUncheckable,

    /// <summary>DNS did not answer while the SPF record was evaluated.</summary>
    SpfNoAnswer,

    /// <summary>{0}: the host name, every address of which the record allows.</summary>
    SpfOk,

    /// <summary>{0}: the addresses (with their results) the record does not allow.</summary>
    SpfRefuses,

    /// <summary>The DKIM key is published.</summary>
    DkimOk,

    /// <summary>The DKIM key is not published.</summary>
    DkimMissing,

    /// <summary>The selector publishes another key.</summary>
    DkimOtherKey,

    /// <summary>No DMARC record.</summary>
    DmarcMissing,

    /// <summary>More than one DMARC record.</summary>
    DmarcMultiple,

    /// <summary>{0}: the published DMARC policy (none, quarantine, reject).</summary>
    DmarcPolicy,

    /// <summary>The DMARC record does not parse.</summary>
    DmarcUnparsable,

    /// <summary>The client setup name points to the appliance.</summary>
    ClientNameOk,

    /// <summary>The client setup name is missing.</summary>
    ClientNameMissing,

    /// <summary>{0}: the appliance's host name, which the client setup name does not point to.</summary>
    ClientNameElsewhere,

    /// <summary>The SRV record names this host and port.</summary>
    ServiceOk,

    /// <summary>No SRV record (optional).</summary>
    ServiceMissing,

    /// <summary>The SRV record names another host or port.</summary>
    ServiceElsewhere,
}
