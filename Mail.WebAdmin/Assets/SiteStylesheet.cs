using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mail.WebAdmin.Assets;

/// <summary>Serves the one stylesheet from the assembly's resources at a URL that carries its hash, so browsers may
/// keep it for a year and still never use an old one.</summary>
internal static class SiteStylesheet
{
    private static readonly byte[] Content = Load();

    /// <summary>The stylesheet's URL (changes whenever its content does).</summary>
    public static string Url { get; } = "/assets/site." + Convert.ToHexStringLower(SHA256.HashData(Content).AsSpan(0, 8)) + ".css";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Url, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Content, "text/css; charset=utf-8");
        }).AllowAnonymous();

    private static byte[] Load()
    {
        using var stream = typeof(SiteStylesheet).Assembly.GetManifestResourceStream("Mail.WebAdmin.site.css")
            ?? throw new InvalidOperationException("the stylesheet resource is missing from Mail.WebAdmin.dll");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
