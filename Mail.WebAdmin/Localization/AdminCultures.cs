using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;

namespace Mail.WebAdmin.Localization;

/// <summary>The languages of the admin: Vietnamese unless the language cookie says English. The browser's
/// Accept-Language is not consulted: staff of a Vietnamese authority get Vietnamese whatever their browser says.</summary>
internal static class AdminCultures
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    /// <summary>The language cookie (CookieRequestCultureProvider's format).</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>True for a language the admin speaks.</summary>
    public static bool IsSupported(string? culture) => culture is Vietnamese or English;

    public static RequestLocalizationOptions Options()
    {
        CultureInfo[] cultures = [new(Vietnamese), new(English)];
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Vietnamese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        };
    }
}
