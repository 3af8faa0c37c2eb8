using System.Text;
using System.Xml;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>Writes a small XML document to bytes: UTF-8 without a byte-order mark (some clients choke on one),
/// indented for an admin reading it with curl; the writer escapes every value.</summary>
internal static class XmlDocumentBytes
{
    /// <param name="write">Writes the root element.</param>
    /// <param name="docType">A document type declaration to write first (Apple's plist has one), or null.</param>
    public static byte[] Write(Action<XmlWriter> write, DocumentType? docType = null)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartDocument();
            if (docType is not null)
            {
                writer.WriteDocType(docType.Name, docType.PublicId, docType.SystemId, null);
            }

            write(writer);
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }
}
