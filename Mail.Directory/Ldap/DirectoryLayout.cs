using Mail.Directory.Addressing;

namespace Mail.Directory.Ldap;

/// <summary>Where each kind of entry lives in the appliance's tree (see docs/directory-schema.md):
/// <c>uid=ADDRESS,ou=people,ou=DOMAIN,ou=domains,BASE</c> for accounts,
/// <c>mail=ADDRESS,ou=groups,ou=DOMAIN,ou=domains,BASE</c> for groups and
/// <c>mail=ADDRESS,ou=contacts,BASE</c> for external group members.</summary>
public sealed class DirectoryLayout(string baseDn)
{
    /// <summary>The root of the appliance's tree.</summary>
    public string BaseDn { get; } = baseDn;

    /// <summary>Parent of all hosted domains.</summary>
    public string DomainsDn => "ou=domains," + BaseDn;

    /// <summary>Parent of external contacts.</summary>
    public string ContactsDn => "ou=contacts," + BaseDn;

    /// <summary>Placeholder member that keeps an empty groupOfNames valid.</summary>
    public string NobodyDn => "cn=nobody," + BaseDn;

    /// <summary>The DN of the appliance's own administrative identity in the embedded directory.</summary>
    public string AdminDn => "cn=admin," + BaseDn;

    /// <summary>The entry of a hosted domain.</summary>
    public string DomainDn(string domain) => "ou=" + LdapEscape.DnValue(domain) + "," + DomainsDn;

    /// <summary>The container of a domain's accounts.</summary>
    public string PeopleDn(string domain) => "ou=people," + DomainDn(domain);

    /// <summary>The container of a domain's groups.</summary>
    public string GroupsDn(string domain) => "ou=groups," + DomainDn(domain);

    /// <summary>The entry of an account.</summary>
    public string AccountDn(MailAddress address) => "uid=" + LdapEscape.DnValue(address.ToString()) + "," + PeopleDn(address.Domain);

    /// <summary>The entry of a group.</summary>
    public string GroupDn(MailAddress address) => "mail=" + LdapEscape.DnValue(address.ToString()) + "," + GroupsDn(address.Domain);

    /// <summary>The entry of an external contact.</summary>
    public string ContactDn(MailAddress address) => "mail=" + LdapEscape.DnValue(address.ToString()) + "," + ContactsDn;

    /// <summary>Reads back the kind and address of a member DN laid out by this class, without a lookup.</summary>
    public (MemberKind Kind, string Address)? ParseMemberDn(string dn)
    {
        var comma = FindUnescapedComma(dn);
        if (comma < 0)
        {
            return null;
        }

        var rdn = dn[..comma];
        var parent = dn[(comma + 1)..];
        var eq = rdn.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return null;
        }

        var type = rdn[..eq];
        var value = LdapEscape.UnescapeDnValue(rdn[(eq + 1)..]).ToLowerInvariant();
        if (type.Equals("mail", StringComparison.OrdinalIgnoreCase) && parent.Equals(ContactsDn, StringComparison.OrdinalIgnoreCase))
        {
            return (MemberKind.External, value);
        }

        if (!parent.EndsWith("," + DomainsDn, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (type.Equals("uid", StringComparison.OrdinalIgnoreCase) && parent.StartsWith("ou=people,", StringComparison.OrdinalIgnoreCase))
        {
            return (MemberKind.Account, value);
        }

        if (type.Equals("mail", StringComparison.OrdinalIgnoreCase) && parent.StartsWith("ou=groups,", StringComparison.OrdinalIgnoreCase))
        {
            return (MemberKind.Group, value);
        }

        return null;
    }

    private static int FindUnescapedComma(string dn)
    {
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\')
            {
                i++;
            }
            else if (dn[i] == ',')
            {
                return i;
            }
        }

        return -1;
    }
}
