using System.Text;
using Mail.Directory;
using Mail.Directory.Addressing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.Contacts;

/// <summary><c>GET /contacts/DOMAIN.html|.json|.vcf</c>: the accounts and groups of a hosted domain flagged public
/// (Circular Art. 4.2, 8.1, 9.1), and nothing else of the directory.</summary>
internal static class ContactListEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/contacts/{file}", ListAsync);

    private static async Task<IResult> ListAsync(
        string file, HttpContext http, MailDirectory directory, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var dot = file.LastIndexOf('.');
        ContactListFormat? format = dot <= 0 ? null : file[(dot + 1)..].ToLowerInvariant() switch
        {
            "html" => ContactListFormat.Html,
            "json" => ContactListFormat.Json,
            "vcf" => ContactListFormat.VCard,
            _ => null,
        };
        if (format is null)
        {
            return Results.Text("use /contacts/DOMAIN.html, .json or .vcf", statusCode: StatusCodes.Status404NotFound);
        }

        if (!MailAddress.TryNormalizeDomain(file[..dot], out var domain, out var error))
        {
            return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await directory.Domains.IsHostedAsync(domain, cancellationToken).ConfigureAwait(false))
        {
            return Results.Text($"{domain} is not hosted here", statusCode: StatusCodes.Status404NotFound);
        }

        var contacts = await directory.PublicContacts.ListAsync(domain, cancellationToken).ConfigureAwait(false);

        // Meant to be fetched by the authority's web site from the visitor's browser, and cached for a while.
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.CacheControl = "public, max-age=300";
        PublicEndpointLog.ContactsServed(loggers.CreateLogger("Mail.WebAdmin.Contacts"), domain, format.Value.ToString(), contacts.Count,
            http.Connection.RemoteIpAddress);
        if (format == ContactListFormat.Html)
        {
            // Opened directly in a browser the fragment runs nothing and loads nothing: a second wall behind the escaping.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
        }

        return format switch
        {
            ContactListFormat.Html => Results.Text(ContactHtml.Write(domain, contacts), "text/html; charset=utf-8", Encoding.UTF8),
            ContactListFormat.Json => Results.Bytes(ContactJson.Write(domain, contacts), "application/json; charset=utf-8"),
            _ => Results.Bytes(VCardWriter.Write(contacts), "text/vcard; charset=utf-8"),
        };
    }
}
