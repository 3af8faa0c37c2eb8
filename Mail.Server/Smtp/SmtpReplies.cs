using Mail.Directory.Ldap;
using SmtpServer.Protocol;

namespace Mail.Server.Smtp;

/// <summary>Turns our <see cref="SmtpReply"/> values into SmtpServer's response types.</summary>
internal static class SmtpReplies
{
    public static SmtpResponse Response(SmtpReply reply) => new((SmtpReplyCode)reply.Code, reply.Enhanced + " " + reply.Text);

    public static SmtpResponseException Exception(SmtpReply reply) => new(Response(reply));

    /// <summary>Runs a directory check; a directory outage becomes 451 4.4.3 instead of an answer.</summary>
    public static async Task<bool> OrUnavailableAsync(Func<Task<bool>> check)
    {
        try
        {
            return await check().ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            throw Exception(SmtpReply.DirectoryUnavailable);
        }
    }
}
