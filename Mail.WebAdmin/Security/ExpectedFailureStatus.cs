using Mail.Directory.Ldap;
using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.Security;

/// <summary>The HTTP status of a failure a page expects, for the page filter and the last-resort exception handler
/// alike: a hand-typed URL outside the user's scope is a 403, an unknown entry a 404, the directory down a 503.</summary>
internal static class ExpectedFailureStatus
{
    /// <summary>The status for <paramref name="exception"/>, or 0 when it is not an expected failure (a real error).</summary>
    public static int Of(Exception? exception) => exception switch
    {
        AdminForbiddenException => StatusCodes.Status403Forbidden,
        DirectoryRequestRejectedException => StatusCodes.Status404NotFound,
        DirectoryUnavailableException => StatusCodes.Status503ServiceUnavailable,
        _ => 0,
    };
}
