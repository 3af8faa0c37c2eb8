using System.Text;
using Mail.Directory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>Client self-configuration: Thunderbird autoconfig, Outlook autodiscover and the Apple profile. Each checks
/// that the address's domain is hosted here and describes the listeners that are on.</summary>
internal static class ClientSetupEndpoints
{
    public const string AutoconfigContentType = "application/xml; charset=utf-8";
    public const string AutodiscoverContentType = "text/xml; charset=utf-8";

    public static void Map(IEndpointRouteBuilder routes)
    {
        // Thunderbird asks https://autoconfig.DOMAIN/mail/config-v1.1.xml?emailaddress=… and
        // https://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml (with the address or without it).
        routes.MapGet("/.well-known/autoconfig/mail/config-v1.1.xml", AutoconfigAsync);
        routes.MapGet("/mail/config-v1.1.xml", AutoconfigAsync);

        // Route matching is case-insensitive, so this also serves the /Autodiscover/Autodiscover.xml and
        // /AutoDiscover/AutoDiscover.xml spellings that Outlook versions use.
        routes.MapPost("/autodiscover/autodiscover.xml", AutodiscoverAsync);

        // Answered here rather than by routing's own 405, which the admin's sign-in policy would turn into a redirect
        // to the sign-in page.
        routes.MapMethods("/autodiscover/autodiscover.xml", ["GET", "HEAD", "PUT", "DELETE", "PATCH"], (HttpResponse response) =>
        {
            response.Headers.Allow = "POST";
            return Results.Text("autodiscover takes a POST of an Outlook request", statusCode: StatusCodes.Status405MethodNotAllowed);
        });
        routes.MapGet("/apple/mail.mobileconfig", AppleProfileAsync);
    }

    private static async Task<IResult> AutoconfigAsync(
        HttpRequest request, string? emailaddress, MailDirectory directory, AdminSite site, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var check = emailaddress is null
            ? await SetupAddress.FromHostAsync(request, directory, cancellationToken).ConfigureAwait(false)
            : await SetupAddress.CheckAsync(emailaddress, directory, cancellationToken).ConfigureAwait(false);
        if (check.Address is not { } address)
        {
            return check.AsText();
        }

        var settings = ClientSettings.From(site);
        if (!settings.IsUsable)
        {
            return NothingToConfigure();
        }

        Log(loggers, "autoconfig", address.Domain, request);
        return Results.Bytes(AutoconfigDocument.Write(settings, address), AutoconfigContentType);
    }

    private static async Task<IResult> AutodiscoverAsync(
        HttpRequest request, MailDirectory directory, AdminSite site, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request.ContentLength > AutodiscoverRequest.MaxBodyBytes)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, 600, "Invalid Request", "request too large");
        }

        var parsed = await AutodiscoverRequest.ReadAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (parsed is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, 600, "Invalid Request", "expected an Outlook autodiscover request with EMailAddress");
        }

        if (parsed.AcceptableResponseSchema is { } schema && !string.Equals(schema, AutodiscoverRequest.OutlookResponseSchema, StringComparison.Ordinal))
        {
            // ActiveSync clients ask for the "mobilesync" schema; this appliance has no ActiveSync, so they go on to IMAP.
            return Refuse(StatusCodes.Status400BadRequest, 601, "Provider is not available", "only " + AutodiscoverRequest.OutlookResponseSchema);
        }

        var check = await SetupAddress.CheckAsync(parsed.EmailAddress, directory, cancellationToken).ConfigureAwait(false);
        if (check.Address is not { Address: { } address } checkedAddress)
        {
            return Refuse(check.Status, 600, "Invalid Request", check.Problem);
        }

        var settings = ClientSettings.From(site);
        if (!settings.IsUsable)
        {
            return NothingToConfigure();
        }

        Log(loggers, "autodiscover", checkedAddress.Domain, request);
        return Results.Bytes(AutodiscoverDocument.Settings(settings, address), AutodiscoverContentType);
    }

    private static async Task<IResult> AppleProfileAsync(
        HttpRequest request, string? emailaddress, MailDirectory directory, AdminSite site, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var check = await SetupAddress.CheckAsync(emailaddress, directory, cancellationToken).ConfigureAwait(false);
        if (check.Address is not { Address: { } address } checkedAddress)
        {
            return check.AsText();
        }

        var settings = ClientSettings.From(site);
        if (!settings.IsUsable)
        {
            return NothingToConfigure();
        }

        Log(loggers, "apple-profile", checkedAddress.Domain, request);
        var profile = AppleProfile.Write(settings, address, checkedAddress.Domain);
        return Results.File(site.ProfileSignature?.Sign(profile) ?? profile, AppleProfile.ContentType, AppleProfile.FileName(address));
    }

    private static IResult Refuse(int status, int code, string message, string detail) =>
        Results.Text(Encoding.UTF8.GetString(AutodiscoverDocument.Error(code, message, detail)), AutodiscoverContentType, statusCode: status);

    private static IResult NothingToConfigure() =>
        Results.Text("this appliance has no listener for mail clients turned on", statusCode: StatusCodes.Status404NotFound);

    // The domain only: the address a client asked about is personal data and says nothing an admin needs.
    private static void Log(ILoggerFactory loggers, string format, string domain, HttpRequest request) =>
        PublicEndpointLog.SettingsServed(loggers.CreateLogger("Mail.WebAdmin.ClientSetup"), format, domain, request.HttpContext.Connection.RemoteIpAddress);
}
