using System.Security.Cryptography;

namespace LeadRunner.Documents.Issued;

/// <summary>
/// Short codes people can read off paper and type: 10 characters from an alphabet without 0/O, 1/I/L,
/// so a misread character is not silently another valid code. 31^10 ≈ 8·10^14 codes.
/// </summary>
public static class VerificationCodes
{
    public const int Length = 10;
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>What a person typed, as stored: upper case, without spaces or hyphens; null when it cannot be a code.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var code = new string(input.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
