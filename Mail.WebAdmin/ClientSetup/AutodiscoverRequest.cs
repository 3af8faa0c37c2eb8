using System.Xml;
using System.Xml.Linq;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>Outlook's POX autodiscover request
/// (<c>&lt;Autodiscover xmlns="…/outlook/requestschema/2006"&gt;&lt;Request&gt;&lt;EMailAddress/&gt;&lt;AcceptableResponseSchema/&gt;</c>),
/// read with hard limits: the body is hostile until proven otherwise.</summary>
internal sealed record AutodiscoverRequest(string EmailAddress, string? AcceptableResponseSchema)
{
    public const string RequestNamespace = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";

    /// <summary>The only response schema served: Outlook's mail settings (ActiveSync's "mobilesync" is not offered).</summary>
    public const string OutlookResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    // A real request is a few hundred bytes.
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly XNamespace Request = RequestNamespace;

    /// <summary>Parses the body, or returns null when it is not a well-formed request with an address (or is larger
    /// than a request can be).</summary>
    public static async Task<AutodiscoverRequest?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        // Read into memory first, bounded, and asynchronously: Kestrel forbids synchronous reads, and the parser then
        // never sees more than the limit.
        using var copy = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            copy.Write(chunk, 0, read);
            if (copy.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        copy.Position = 0;
        var settings = new XmlReaderSettings
        {
                        DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBodyBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(copy, settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            return null;
        }

        var request = document.Root is { } root && root.Name == Request + "Autodiscover" ? root.Element(Request + "Request") : null;
        var address = request?.Element(Request + "EMailAddress")?.Value.Trim();
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        return new AutodiscoverRequest(address, request!.Element(Request + "AcceptableResponseSchema")?.Value.Trim());
    }
}
