using System.Net;
using SmtpServer.Protocol;

namespace Mail.Server.Smtp;

/// <summary>Our EHLO, and no PROXY: SmtpServer would otherwise accept a PROXY header from any client.</summary>
internal sealed class ApplianceCommandFactory : SmtpCommandFactory
{
    public override SmtpCommand CreateEhlo(string domainOrAddress) => new ApplianceEhloCommand(domainOrAddress);

    public override SmtpCommand CreateProxy(IPEndPoint sourceEndpoint, IPEndPoint destinationEndpoint) =>
        throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.CommandUnrecognized, "5.5.1 command unrecognized"));
}
