using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.Security;

/// <summary>Headers on every response: no script or style from anywhere but the appliance and nothing inline (Razor
/// encodes output; the CSP is the second wall against stored XSS), never framed (clickjacking), no Referer leaving
/// the admin (its URLs name accounts), no MIME sniffing.</summary>
internal static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers before the response starts.</summary>
    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
