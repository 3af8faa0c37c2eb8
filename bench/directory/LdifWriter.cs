using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace DirectoryBench;

/// <summary>Writes the bulk data as LDIF for ldapadd, with the same objectClasses and attributes that
/// AccountDirectory.AddAsync and GroupDirectory.AddAsync produce. Loading this way is far faster than
/// AddAsync, which also sets an {ARGON2} password (about 20 ms of slapd CPU per account).</summary>
internal sealed class LdifWriter(TextWriter output, DirectoryLayout layout)
{
    /// <summary>Writes all accounts first, then groups bottom-up, so every member entry exists before its group.</summary>
    public int WriteGroupTree()
    {
        var entries = 0;
        for (var i = 1; i <= BenchPlan.BulkAccounts; i++)
        {
            WriteAccount(GroupTree.Account(i));
            entries++;
        }

        foreach (var branch in GroupTree.BranchNumbers)
        {
            foreach (var twig in GroupTree.BranchNumbers)
            {
                WriteGroup(GroupTree.Leaf(branch, twig), GroupTree.LeafAccounts(branch, twig).Select(a => layout.AccountDn(MailAddress.Parse(a))));
                entries++;
            }

            WriteGroup(GroupTree.Middle(branch), GroupTree.BranchNumbers.Select(twig => GroupDn(GroupTree.Leaf(branch, twig))));
            entries++;
        }

        WriteGroup(GroupTree.Top, GroupTree.BranchNumbers.Select(branch => GroupDn(GroupTree.Middle(branch))));
        return entries + 1;
    }

    private void WriteAccount(string address)
    {
        var local = address[..address.IndexOf('@', StringComparison.Ordinal)];
        Line("dn", layout.AccountDn(MailAddress.Parse(address)));
        Line("objectClass", "inetOrgPerson");
        Line("objectClass", "inetLocalMailRecipient");
        Line("objectClass", "maAccount");
        Line("uid", address);
        Line("mail", address);
        Line("cn", "Bench " + local);
        Line("displayName", "Bench " + local);
        Line("sn", local);
        Line("givenName", "Bench");
        output.Write('\n');
    }

    private void WriteGroup(string address, IEnumerable<string> memberDns)
    {
        Line("dn", GroupDn(address));
        Line("objectClass", "groupOfNames");
        Line("objectClass", "inetLocalMailRecipient");
        Line("objectClass", "maGroup");
        Line("mail", address);
        Line("cn", "Group " + address[..address.IndexOf('@', StringComparison.Ordinal)]);

        // GroupDirectory.AddAsync creates every group with the placeholder and AddMemberAsync keeps it; the expander skips it.
        Line("member", layout.NobodyDn);
        foreach (var dn in memberDns)
        {
            Line("member", dn);
        }

        Line("maSenderPolicy", "members");
        output.Write('\n');
    }

    private string GroupDn(string address) => layout.GroupDn(MailAddress.Parse(address));

    // Every generated value is plain ASCII without a leading space, colon or '<', so no base64 is needed.
    private void Line(string attribute, string value)
    {
        output.Write(attribute);
        output.Write(": ");
        output.Write(value);
        output.Write('\n');
    }
}
