using LeadRunner.Demo;
using LeadRunner.Enterprises;

namespace LeadRunner.Tests.Enterprises;

public class UsccValidatorTests
{
    public static TheoryData<string> ValidCodes()
    {
        var data = new TheoryData<string> { "91350100M000100Y43", "91130100MA0A1B212J" };
        foreach (var e in DemoSeeder.Enterprises)
        {
            data.Add(e.Uscc);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidCodes))]
    public void Validate_ValidCode_Passes(string code)
    {
        var result = UsccValidator.Validate(code);
        Assert.True(result.Valid, string.Join(" ", result.Errors));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Validate_WrongFinalCheckCharacter_NamesExpectedCharacter()
    {
        var result = UsccValidator.Validate("91350100M000100Y44");
        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e.Contains("第 18 位校验码应为“3”", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    [InlineData("")]
    public void Validate_WrongLength_Fails(string code)
    {
        var result = UsccValidator.Validate(code);
        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e.Contains("18 位", StringComparison.Ordinal) || e.Contains("请填写", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LowerCase_FailsWithUpperCaseMessage()
    {
        var result = UsccValidator.Validate("91350100m000100y43");
        Assert.False(result.Valid);
        Assert.Contains("大写", result.Errors.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('-')]
    public void Validate_CharacterOutsideStandardSet_NamesPosition(char bad)
    {
        var code = "91350100M000100Y43".ToCharArray();
        code[10] = bad;
        var result = UsccValidator.Validate(new string(code));
        Assert.False(result.Valid);
        Assert.Contains($"第 11 位“{bad}”", result.Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OrganisationCodeCheckInconsistent_FailsEvenWhenFinalCheckMatches()
    {
        // Organisation check '5' instead of '4', with the 18th character recomputed so only the inner check is wrong.
        var first17 = "91350100M000100Y5";
        var code = first17 + UsccValidator.CheckCharacter(first17);
        var result = UsccValidator.Validate(code);
        Assert.False(result.Valid);
        Assert.Single(result.Errors);
        Assert.Contains("组织机构代码的校验码应为“4”", result.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B1", "第 1 位登记管理部门代码")]
    [InlineData("94", "第 2 位机构类别代码")]
    public void Validate_UnknownAuthorityOrType_Fails(string prefix, string expected)
    {
        var code = UsccValidator.Complete(prefix + "350100M000100Y");
        var result = UsccValidator.Validate(code);
        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DivisionCodeWithLetters_Fails()
    {
        var code = UsccValidator.Complete("9113A100M000100Y");
        var result = UsccValidator.Validate(code);
        Assert.Contains(result.Errors, e => e.Contains("行政区划码", StringComparison.Ordinal));
    }

    [Fact]
    public void OrganisationCheck_RemainderTen_IsWrittenX()
    {
        Assert.Equal('X', UsccValidator.OrganisationCheckCharacter("MA0FB9N1"));
    }
}
