namespace Mail.WebAdmin.ClientSetup;

/// <summary>An XML document type declaration.</summary>
internal sealed record DocumentType(string Name, string PublicId, string SystemId);
