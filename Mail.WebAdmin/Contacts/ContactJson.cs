using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Mail.Directory;

namespace Mail.WebAdmin.Contacts;

/// <summary>The public contact list as JSON:
/// <c>{"domain":"…","contacts":[{"kind":"person|group","name":"…","address":"…","title":"…","unit":"…"}]}</c>, title and
/// unit only when known. Vietnamese stays UTF-8; &lt; &gt; &amp; and quotes are escaped, so the JSON is safe to inline.</summary>
internal static class ContactJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = true };

    public static byte[] Write(string domain, IReadOnlyList<PublicContact> contacts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("domain", domain);
            json.WriteStartArray("contacts");
            foreach (var contact in contacts)
            {
                json.WriteStartObject();
                json.WriteString("kind", contact.Kind == PublicContactKind.Group ? "group" : "person");
                json.WriteString("name", contact.Name);
                json.WriteString("address", contact.Address);
                if (contact.Title is { } title)
                {
                    json.WriteString("title", title);
                }

                if (contact.Unit is { } unit)
                {
                    json.WriteString("unit", unit);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
