using System.Security.Cryptography;
using Mail.Directory.Addressing;

namespace Mail.WebAdmin.Import;

/// <summary>Initial passwords for imported accounts: 14 characters in three groups from letters and digits that cannot
/// be misread on a printed slip (no 0/O, 1/l/I), so staff can type them; about 75 bits of randomness.</summary>
internal static class InitialPassword
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Alphabet = Lower + Upper + Digits;

    /// <summary>A new password the directory's policy accepts for <paramref name="owner"/>.</summary>
    public static string New(MailAddress owner)
    {
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 12);
            var password = $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
            if (password.Any(char.IsLower) && password.Any(char.IsUpper) && password.Any(char.IsDigit) && PasswordPolicy.Check(password, owner) is null)
            {
                return password;
            }
        }
    }
}
