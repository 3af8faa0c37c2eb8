using System.Text;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>AUTHENTICATE PLAIN (RFC 9051 6.2.2, RFC 4616), with the initial response on the command line (SASL-IR,
/// RFC 4959) or after a "+" continuation; "*" cancels.</summary>
internal sealed class AuthenticateCommand : IImapCommand
{
    private const int MaxResponse = 8 * 1024;

    public string Name => "AUTHENTICATE";

    public ImapState AllowedIn => ImapState.NotAuthenticated;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count is < 1 or > 2 || command.Arguments[0].Kind != ImapTokenKind.Atom)
        {
            throw new ImapSyntaxException("AUTHENTICATE needs a mechanism");
        }

        if (command.Arguments[0].Keyword != "PLAIN")
        {
            return ImapCompletion.No("[CANNOT] only the PLAIN mechanism is offered");
        }

        if (!session.MayAuthenticate)
        {
            return ImapCompletion.No("[PRIVACYREQUIRED] use STARTTLS or port 993 before logging in");
        }

        string? response;
        if (command.Arguments.Count == 2)
        {
            response = command.Arguments[1].Text;
        }
        else
        {
            session.Output.Continuation(string.Empty);
            await session.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            response = await session.Reader.ReadRawLineAsync(MaxResponse, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return ImapCompletion.Bad("authentication response too long or missing");
            }
        }

        if (response == "*")
        {
            return ImapCompletion.Bad("authentication cancelled");
        }

        if (!TryDecode(response, out var user, out var password))
        {
            return ImapCompletion.Bad("invalid PLAIN response");
        }

        return await ImapLogin.TryAsync(session, user, password, cancellationToken).ConfigureAwait(false);
    }

    // authzid NUL authcid NUL password; an authzid other than the user (acting as someone else) is not offered.
    private static bool TryDecode(string base64, out string user, out string password)
    {
        (user, password) = (string.Empty, string.Empty);
        byte[] bytes;
        try
        {
            bytes = base64 == "=" ? [] : Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0 || (parts[0].Length > 0 && parts[0] != parts[1]))
        {
            return false;
        }

        (user, password) = (parts[1], parts[2]);
        return true;
    }
}
