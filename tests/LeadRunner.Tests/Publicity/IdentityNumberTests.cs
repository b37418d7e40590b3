using LeadRunner.Publicity;

namespace LeadRunner.Tests.Publicity;

public class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2024, 9, 3);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")]
    [InlineData("130534199003071236")]
    public void Valid_PassesGb11643(string number) => Assert.Null(IdentityNumber.Problem(number, Today));

    [Theory]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("11010519491331002X", "出生日期")]
    [InlineData("11010520250101002X", "出生日期")]
    [InlineData("01010519491231002X", "地址码")]
    [InlineData("1101051949123100", "18 位")]
    [InlineData("11010519491231002Y", "最后一位")]
    [InlineData("", "18 位")]
    public void Invalid_SaysWhatIsWrong(string number, string reason) =>
        Assert.Contains(reason, IdentityNumber.Problem(number, Today), StringComparison.Ordinal);
}
