using System.DirectoryServices.Protocols;
using System.Formats.Asn1;
using System.Text;

namespace Mail.Directory.Ldap;

/// <summary>The LDAP Password Modify extended operation (RFC 3062), so the server hashes the password
/// with its configured scheme and the clear text is never stored.</summary>
internal static class PasswordModifyRequest
{
    private const string Oid = "1.3.6.1.4.1.4203.1.11.1";

    public static ExtendedRequest Create(string userDn, string newPassword)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(Encoding.UTF8.GetBytes(userDn), new Asn1Tag(TagClass.ContextSpecific, 0));
            writer.WriteOctetString(Encoding.UTF8.GetBytes(newPassword), new Asn1Tag(TagClass.ContextSpecific, 2));
        }

        return new ExtendedRequest(Oid, writer.Encode());
    }
}
