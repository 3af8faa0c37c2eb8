using SmtpServer;
using SmtpServer.Protocol;

namespace Mail.Server.Smtp;

/// <summary>EHLO that records the client's name for the Received header and advertises ENHANCEDSTATUSCODES.</summary>
internal sealed class ApplianceEhloCommand(string domainOrAddress) : EhloCommand(domainOrAddress)
{
    protected override string GetGreeting(ISessionContext context)
    {
        context.Properties[SmtpSessionKeys.Helo] = DomainOrAddress;
        return $"{context.ServerOptions.ServerName} greets {DomainOrAddress}";
    }

    protected override IEnumerable<string> GetExtensions(ISessionContext context) => base.GetExtensions(context).Append("ENHANCEDSTATUSCODES");
}
