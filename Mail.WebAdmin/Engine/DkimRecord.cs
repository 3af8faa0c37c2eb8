namespace Mail.WebAdmin.Engine;

/// <summary>A DKIM key of a domain and the TXT record that publishes it.</summary>
/// <param name="Selector">The selector.</param>
/// <param name="Algorithm">rsa or ed25519.</param>
/// <param name="State">pending, active or retired.</param>
/// <param name="Name">The record's owner name, <c>SELECTOR._domainkey.DOMAIN.</c></param>
/// <param name="Text">The record's text, <c>v=DKIM1; k=…; p=…</c>.</param>
/// <param name="ZoneLine">The record as a zone-file line (text split into 255-octet strings).</param>
public sealed record DkimRecord(string Selector, string Algorithm, string State, string Name, string Text, string ZoneLine);
