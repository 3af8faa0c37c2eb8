using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>One POP3 command: the states it is valid in and what it does. Commands keep no state of their own; the
/// session holds it.</summary>
internal interface IPop3Command
{
    /// <summary>The states in which the command may run; elsewhere the session answers -ERR for it.</summary>
    Pop3State ValidIn { get; }

    /// <summary>Runs the command and sends its reply.</summary>
    Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken);
}
