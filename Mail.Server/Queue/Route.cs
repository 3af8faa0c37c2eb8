using Mail.Server.Smtp;

namespace Mail.Server.Queue;

/// <summary>Where mail for a domain goes: the servers to try in order, or why there is nowhere to go (a 4xx
/// <see cref="Problem"/> means ask again later, a 5xx that the domain takes no mail).</summary>
public sealed record Route(IReadOnlyList<RouteHost> Hosts, SmtpReply? Problem)
{
    /// <summary>A route that failed.</summary>
    public static Route Failed(SmtpReply problem) => new([], problem);
}
