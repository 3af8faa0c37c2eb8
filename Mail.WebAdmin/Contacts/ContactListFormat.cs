namespace Mail.WebAdmin.Contacts;

/// <summary>The forms the public contact list is served in, chosen by the file extension in the URL.</summary>
internal enum ContactListFormat
{
    /// <summary><c>.html</c>: a fragment for the authority's web site.</summary>
    Html,

    /// <summary><c>.json</c>: for scripts and portals.</summary>
    Json,

    /// <summary><c>.vcf</c>: vCard 4.0 (RFC 6350) for address books.</summary>
    VCard,
}
