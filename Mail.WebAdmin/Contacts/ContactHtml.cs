using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Mail.Directory;

namespace Mail.WebAdmin.Contacts;

/// <summary>The public contact list as an HTML fragment to embed in the authority's web site: a section with a heading
/// and a table whose header cells give every value its meaning to a screen reader. Every value is HTML-encoded;
/// Vietnamese letters go out as UTF-8 text, not as character references.</summary>
internal static class ContactHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(new TextEncoderSettings(UnicodeRanges.All));

    public static string Write(string domain, IReadOnlyList<PublicContact> contacts)
    {
        var id = "ma-contacts-" + domain.Replace('.', '-');
        var html = new StringBuilder();
        html.Append("<section class=\"ma-contacts\" lang=\"vi\" aria-labelledby=\"").Append(Encoder.Encode(id)).Append("\">\n");
        html.Append("  <h2 id=\"").Append(Encoder.Encode(id)).Append("\">Địa chỉ thư điện tử công khai – ")
            .Append(Encoder.Encode(domain)).Append("</h2>\n");
        if (contacts.Count == 0)
        {
            html.Append("  <p>Chưa có địa chỉ thư điện tử nào được công khai.</p>\n</section>\n");
            return html.ToString();
        }

        html.Append("  <table class=\"ma-contacts-table\" aria-labelledby=\"").Append(Encoder.Encode(id)).Append("\">\n");
        html.Append("    <thead>\n      <tr><th scope=\"col\">Tên</th><th scope=\"col\">Chức danh</th>")
            .Append("<th scope=\"col\">Đơn vị</th><th scope=\"col\">Thư điện tử</th></tr>\n    </thead>\n    <tbody>\n");
        foreach (var contact in contacts)
        {
            html.Append("      <tr><th scope=\"row\">").Append(Encoder.Encode(contact.Name)).Append("</th>")
                .Append("<td>").Append(Encoder.Encode(contact.Title ?? string.Empty)).Append("</td>")
                .Append("<td>").Append(Encoder.Encode(contact.Unit ?? string.Empty)).Append("</td>")
                .Append("<td><a href=\"").Append(Encoder.Encode(MailTo(contact.Address))).Append("\">")
                .Append(Encoder.Encode(contact.Address)).Append("</a></td></tr>\n");
        }

        html.Append("    </tbody>\n  </table>\n</section>\n");
        return html.ToString();
    }

    // RFC 6068: characters of the local part that mean something in a URI ('?', '#', '%', '&') are percent-encoded.
    private static string MailTo(string address)
    {
        var at = address.LastIndexOf('@');
        return "mailto:" + Uri.EscapeDataString(address[..at]) + "@" + address[(at + 1)..];
    }
}
