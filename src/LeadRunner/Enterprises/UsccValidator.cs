namespace LeadRunner.Enterprises;

/// <summary>
/// Checks a unified social credit code (统一社会信用代码) against GB 32100-2015: 18 characters from the standard's
/// 31-character set; registration-authority and type codes; a 6-digit division code; a 9-character organisation
/// code (GB 11714) with its own check character; and the final check character.
/// </summary>
public static class UsccValidator
{
    /// <summary>The 31 characters of GB 32100-2015, in the order that gives each its value (I, O, Z, S, V are excluded).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    // Registration authority (position 1) → allowed institution types (position 2), per the standard's code tables.
    private static readonly Dictionary<char, (string Authority, string Types)> Authorities = new()
    {
        ['1'] = ("机构编制", "1239"),
        ['2'] = ("外交", "19"),
        ['3'] = ("司法行政", "1234569"),
        ['4'] = ("文化", "19"),
        ['5'] = ("民政", "1239"),
        ['6'] = ("旅游", "129"),
        ['7'] = ("宗教", "129"),
        ['8'] = ("工会", "19"),
        ['9'] = ("工商（市场监管）", "123"),
        ['A'] = ("中央军委改革和编制办公室", "19"),
        ['N'] = ("农业", "1239"),
        ['Y'] = ("其他", "1"),
    };

    public sealed record Result(bool Valid, IReadOnlyList<string> Errors)
    {
        public static readonly Result Ok = new(true, []);
    }

    public static Result Validate(string? code)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(code))
        {
            return new Result(false, ["请填写统一社会信用代码。"]);
        }
        if (code.Length != 18)
        {
            return new Result(false, [$"统一社会信用代码应为 18 位，当前为 {code.Length} 位。"]);
        }
        if (code.Any(char.IsLower))
        {
            return new Result(false, ["统一社会信用代码中的字母必须大写。"]);
        }
        var bad = code.Select((c, i) => (c, i)).Where(x => !Alphabet.Contains(x.c, StringComparison.Ordinal)).ToList();
        if (bad.Count > 0)
        {
            var list = string.Join("、", bad.Select(x => $"第 {x.i + 1} 位“{x.c}”"));
            return new Result(false, [$"{list}不是统一社会信用代码允许的字符（只允许数字和除 I、O、Z、S、V 以外的大写字母）。"]);
        }

        if (!Authorities.TryGetValue(code[0], out var authority))
        {
            errors.Add($"第 1 位登记管理部门代码“{code[0]}”不存在。");
        }
        else if (!authority.Types.Contains(code[1], StringComparison.Ordinal))
        {
            errors.Add($"第 2 位机构类别代码“{code[1]}”不属于登记管理部门“{authority.Authority}”。");
        }

        var division = code.AsSpan(2, 6);
        if (!division.ToString().All(char.IsAsciiDigit))
        {
            errors.Add("第 3～8 位登记管理机关行政区划码必须是 6 位数字。");
        }

        var orgBody = code.AsSpan(8, 8);
        var expectedOrgCheck = OrganisationCheckCharacter(orgBody);
        if (code[16] != expectedOrgCheck)
        {
            errors.Add($"第 9～17 位组织机构代码的校验码应为“{expectedOrgCheck}”，实际为“{code[16]}”。");
        }

        var expectedCheck = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != expectedCheck)
        {
            errors.Add($"第 18 位校验码应为“{expectedCheck}”，实际为“{code[17]}”。");
        }

        return errors.Count == 0 ? Result.Ok : new Result(false, errors);
    }

    /// <summary>The 18th character: 31 − (Σ value × 3^(i−1) mod 31) mod 31, over the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            sum += Alphabet.IndexOf(c, StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>GB 11714 check: 11 − (Σ value × weight mod 11); 10 is written X and 11 is written 0.</summary>
    public static char OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrgWeights[i];
        }
        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var n => (char)('0' + n),
        };
    }

    /// <summary>Completes a 16-character prefix (authority, type, division, organisation body) into a valid code.</summary>
    public static string Complete(string prefix16)
    {
        var first17 = prefix16 + OrganisationCheckCharacter(prefix16.AsSpan(8, 8));
        return first17 + CheckCharacter(first17);
    }
}
