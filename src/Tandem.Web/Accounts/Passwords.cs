using Microsoft.AspNetCore.Identity;
using Tandem.Data.Accounts;

namespace Tandem.Web.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2 with HMAC-SHA512, 100,000
/// iterations, a random salt per password), and the rule a new password must meet.
/// </summary>
public static class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Fewer characters than this are refused.</summary>
    public const int MinimumLength = 10;

    /// <summary>The stored form of <paramref name="password"/>.</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>.</summary>
    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Why <paramref name="password"/> cannot be a password, or null when it can.</summary>
    public static string? Problem(string? password) =>
        (password ?? "").Length < MinimumLength ? $"must be at least {MinimumLength} characters" : null;

    /// <summary>A random password of 20 letters and digits, easy to copy (no look-alike characters).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
