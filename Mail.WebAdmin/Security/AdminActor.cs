using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.Security;

/// <summary>Who is making a change and from where: what the scope checks and the audit log need of a request.</summary>
internal sealed record AdminActor(AdminScope Scope, string Remote)
{
    /// <summary>The signed-in account.</summary>
    public string Address => Scope.User;

    /// <summary>The actor of the current request.</summary>
    public static AdminActor Of(HttpContext context) =>
        new(AdminScope.Of(context.User), context.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
}
