using System.CommandLine;
using System.DirectoryServices.Protocols;
using Mail.Directory.Ldap;
using Mail.Server.Dkim;

namespace Mail.Server.Cli;

/// <summary>Wraps every command's action so that any failure becomes one line on stderr and an exit code.</summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task> action) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await action(result, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (CliException ex)
            {
                return Fail(ex.Message, ex.ExitCode);
            }
            catch (Exception ex) when (ex is DkimKeyException or DirectoryRequestRejectedException or FormatException or InvalidDataException)
            {
                return Fail(ex.Message, ExitCodes.Rejected);
            }
            catch (DirectoryUnavailableException ex)
            {
                return Fail(ex.Message, ExitCodes.Unavailable);
            }
            catch (DirectoryOperationException ex)
            {
                return Fail($"the directory refused the change: {ex.Message}", ExitCodes.Rejected);
            }
            catch (UnauthorizedAccessException ex)
            {
                return Fail(ex.Message, ExitCodes.Rejected);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                // A listener that cannot bind (port taken, or below 1024 without the capability): one line, not a trace.
                return Fail($"cannot listen: {ex.Message} ({ex.SocketErrorCode})", ExitCodes.Unavailable);
            }
        });

    /// <summary>Sets an action that works on the directory of the data folder.</summary>
    public static void SetWithDirectory(Command command, Func<ParseResult, Mail.Directory.MailDirectory, CancellationToken, Task> action) =>
        Set(command, async (result, cancellationToken) =>
        {
            var session = await DirectorySession.OpenAsync(CliApplication.Data(result), cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                await action(result, session.Directory, cancellationToken).ConfigureAwait(false);
            }
        });

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"mailappliance: {message}");
        return code;
    }
}
