using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>CAPA (RFC 2449): what this server offers now. USER and SASL only where a password may be sent, STLS only
/// on a plain connection before login, and no IMPLEMENTATION (it would tell attackers the software).</summary>
internal sealed class CapaCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Authorization | Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        var connection = session.Connection;
        connection.WriteLine("+OK capability list follows");
        connection.WriteLine("TOP");
        connection.WriteLine("UIDL");
        connection.WriteLine("RESP-CODES");
        connection.WriteLine("AUTH-RESP-CODE");
        connection.WriteLine("PIPELINING");
        if (session.State == Pop3State.Authorization)
        {
            if (session.LoginAllowed)
            {
                connection.WriteLine("USER");
                connection.WriteLine("SASL PLAIN");
            }

            if (!connection.IsSecure)
            {
                connection.WriteLine("STLS");
            }
        }

        connection.WriteLine(".");
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
