namespace ImapBench.Operations;

/// <summary>A whole short session: TCP connect, greeting, LOGIN, LOGOUT, close.</summary>
internal sealed class LoginLogout : BenchOperation
{
    public override string Name => "login+logout";

    public override string Description => "connect, greeting, LOGIN \"user\" \"password\", LOGOUT (a new connection each time)";

    public override bool NeedsSession => false;

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var client = await ImapClient.ConnectAsync(worker.Target.Endpoint, cancellationToken);
        await using (client)
        {
            var login = await client.CommandAsync(ImapClient.LoginCommand(worker.Target), cancellationToken: cancellationToken);
            if (!login.Ok)
            {
                return Outcome.From(login);
            }

            var logout = await client.CommandAsync("LOGOUT", cancellationToken: cancellationToken);
            return Outcome.From(logout);
        }
    }
}
