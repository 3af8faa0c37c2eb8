using System.Globalization;
using Mail.Directory.Ldap;

namespace Mail.Directory.Addressing;

/// <summary>Decides whether a new password is strong enough to set.</summary>
public static class PasswordPolicy
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinimumLength = 8;

    private const int MaximumLength = 256;

    private static readonly string[] Common =
    [
        "password", "12345678", "123456789", "1234567890", "qwertyui", "iloveyou", "abc12345",
        "matkhau", "password1", "admin123", "11111111", "00000000", "88888888", "66666666",
    ];

    /// <summary>Returns null when acceptable, else one sentence saying why not.</summary>
    public static string? Check(string? password, MailAddress? owner) => Refusal(password, owner)?.Message;

    /// <summary>Returns null when acceptable, else the refusal to throw (its reason says why for a translated page).</summary>
    public static DirectoryRequestRejectedException? Refusal(string? password, MailAddress? owner)
    {
        if (string.IsNullOrEmpty(password))
        {
            return new(DirectoryRefusal.PasswordRequired, "a password is required");
        }

        if (password.Length < MinimumLength)
        {
            return new(DirectoryRefusal.PasswordTooShort, $"the password is too weak: use at least {MinimumLength} characters",
                MinimumLength.ToString(CultureInfo.InvariantCulture));
        }

        if (password.Length > MaximumLength)
        {
            return new(DirectoryRefusal.PasswordTooLong, $"the password is longer than {MaximumLength} characters",
                MaximumLength.ToString(CultureInfo.InvariantCulture));
        }

        if (password.Any(char.IsControl))
        {
            return new(DirectoryRefusal.PasswordControlCharacter, "the password contains a control character");
        }

        var lower = password.ToLowerInvariant();
        if (Common.Any(c => lower.StartsWith(c, StringComparison.Ordinal)) || password.Distinct().Count() < 4)
        {
            return new(DirectoryRefusal.PasswordCommon, "the password is too weak: it is a commonly used password");
        }

        if (owner is not null && owner.LocalPart.Length >= 3 && lower.Contains(owner.LocalPart, StringComparison.Ordinal))
        {
            return new(DirectoryRefusal.PasswordContainsAccountName, "the password is too weak: it contains the account name");
        }

        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

        // A long passphrase is strong without character classes; a short password needs variety.
        if (password.Length < 12 && classes < 3)
        {
            return new(DirectoryRefusal.PasswordTooSimple,
                "the password is too weak: use 12 or more characters, or mix upper case, lower case, digits and symbols");
        }

        return null;
    }
}
