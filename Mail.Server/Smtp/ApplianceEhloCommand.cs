using SmtpServer;
using SmtpServer.Protocol;

namespace Mail.Server.Smtp;

/// <summary>EHLO that records the client's name for the Received header, advertises ENHANCEDSTATUSCODES, and leaves
/// out the library's SMTPUTF8: SmtpServer 11.1.0 turns every non-ASCII octet of a path into '?' (a@đạihọc.vn became
/// a@?????ih???c.vn in Return-Path) and refuses UTF-8 local parts as bad syntax, so we do not offer what it cannot
/// carry (see <see cref="SmtpUtf8Refusal"/> and docs/smtp-on-smtpserver.md).</summary>
internal sealed class ApplianceEhloCommand(string domainOrAddress) : EhloCommand(domainOrAddress)
{
    protected override string GetGreeting(ISessionContext context)
    {
        context.Properties[SmtpSessionKeys.Helo] = DomainOrAddress;
        return $"{context.ServerOptions.ServerName} greets {DomainOrAddress}";
    }

    protected override IEnumerable<string> GetExtensions(ISessionContext context) =>
        base.GetExtensions(context).Where(e => !e.Equals("SMTPUTF8", StringComparison.OrdinalIgnoreCase)).Append("ENHANCEDSTATUSCODES");
}
