using System.Text;

namespace Mail.Server.Auth;

/// <summary>Writes the Authentication-Results header field (RFC 8601) of the inbound checks, one result per folded
/// line, with our host name as the authserv-id.</summary>
public static class AuthenticationResultsHeader
{
    /// <summary>The field name.</summary>
    public const string Name = "Authentication-Results";

    /// <summary>The header field, ending in CRLF.</summary>
    public static string Format(string hostname, SpfCheck spf, IReadOnlyList<DkimCheck> dkim, DmarcCheck dmarc)
    {
        var builder = new StringBuilder(Name).Append(": ").Append(hostname);
        var line = Result(builder, "spf", spf.Result);
        Property(line, spf.FromHelo ? "smtp.helo" : "smtp.mailfrom", spf.Domain);
        if (dkim.Count == 0)
        {
            Result(builder, "dkim", AuthResult.None);
        }

        foreach (var signature in dkim)
        {
            line = Result(builder, "dkim", signature.Result);
            Property(line, "header.d", signature.Domain);
            Property(line, "header.s", signature.Selector);
            Property(line, "header.a", signature.Algorithm);
        }

        line = Result(builder, "dmarc", dmarc.Result);
        if (dmarc.Policy is { } policy)
        {
            line.Append(" (p=").Append(Keyword(policy));
            if (dmarc.Result == AuthResult.Fail && dmarc.Disposition != policy)
            {
                // pct= sampled this message out of the stated policy.
                line.Append(" dis=").Append(Keyword(dmarc.Disposition));
            }

            line.Append(')');
        }

        Property(line, "header.from", dmarc.FromDomain);
        return builder.Append("\r\n").ToString();
    }

    private static StringBuilder Result(StringBuilder builder, string method, AuthResult result) =>
        builder.Append(";\r\n\t").Append(method).Append('=').Append(AuthResultText.Keyword(result));

    private static void Property(StringBuilder line, string name, string value)
    {
        if (value.Length > 0)
        {
            line.Append(' ').Append(name).Append('=').Append(AuthResultText.Value(value));
        }
    }

    private static string Keyword(DmarcPolicy policy) => policy switch
    {
        DmarcPolicy.Reject => "reject",
        DmarcPolicy.Quarantine => "quarantine",
        _ => "none",
    };
}
