using System.Globalization;

namespace LeadRunner.Publicity;

/// <summary>
/// The citizen identity number of GB 11643-1999: six digits of the place of registration, the date of birth
/// (YYYYMMDD), a three-digit sequence and an ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
public static class IdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Null when valid, else what is wrong in Chinese.</summary>
    public static string? Problem(string? value, DateOnly today)
    {
        var number = value?.Trim().ToUpperInvariant() ?? "";
        if (number.Length != 18)
        {
            return "身份证号码应为 18 位。";
        }
        if (!number[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(number[17]) || number[17] == 'X'))
        {
            return "身份证号码前 17 位应为数字，最后一位为数字或 X。";
        }
        if (number[0] is < '1' or > '8')
        {
            return "身份证号码的地址码无效。";
        }
        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || born.Year < 1900 || born > today)
        {
            return "身份证号码中的出生日期无效。";
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (number[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11] == number[17] ? null : "身份证号码校验位不正确，请核对。";
    }
}
