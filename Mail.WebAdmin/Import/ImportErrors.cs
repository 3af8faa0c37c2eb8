namespace Mail.WebAdmin.Import;

/// <summary>Why a CSV row cannot be imported (also the keys of the translated messages, prefixed "Import.Error.").</summary>
internal static class ImportErrors
{
    public const string Malformed = "malformed";
    public const string NameMissing = "name-missing";
    public const string NameInvalid = "name-invalid";
    public const string NameNoLetters = "name-no-letters";
    public const string UnitUnknown = "unit-unknown";
    public const string AddressInvalid = "address-invalid";
    public const string AddressOtherUnit = "address-other-unit";
    public const string AddressTaken = "address-taken";
    public const string AddressDuplicate = "address-duplicate";

    /// <summary>Every code, for the translation check.</summary>
    public static readonly IReadOnlyList<string> All =
        [Malformed, NameMissing, NameInvalid, NameNoLetters, UnitUnknown, AddressInvalid, AddressOtherUnit, AddressTaken, AddressDuplicate];
}
