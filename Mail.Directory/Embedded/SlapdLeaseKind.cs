namespace Mail.Directory.Embedded;

/// <summary>Why a process starts the embedded slapd.</summary>
public enum SlapdLeaseKind
{
    /// <summary>A running appliance: keeps slapd until it stops; commands use its slapd meanwhile.</summary>
    Service,

    /// <summary>A management command run while no appliance is running: slapd lives for the command only.</summary>
    Command,
}
