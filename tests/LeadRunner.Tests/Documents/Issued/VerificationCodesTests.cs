using LeadRunner.Documents.Issued;

namespace LeadRunner.Tests.Documents.Issued;

public class VerificationCodesTests
{
    [Fact]
    public void New_IsTenCharactersWithoutAmbiguousOnes()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCodes.New()).ToList();
        Assert.All(codes, c => Assert.Equal(10, c.Length));
        Assert.All(codes, c => Assert.DoesNotContain(c, ch => "01ILO".Contains(ch, StringComparison.Ordinal)));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("ab3de-fgh4k", "AB3DEFGH4K")]
    [InlineData(" AB3DE FGH4K ", "AB3DEFGH4K")]
    public void Normalize_AcceptsWhatPeopleType(string typed, string stored) =>
        Assert.Equal(stored, VerificationCodes.Normalize(typed));

    [Theory]
    [InlineData("AB3DEFGH4")]
    [InlineData("AB3DEFGH4KX")]
    [InlineData("AB3DEFGH40")]
    [InlineData("")]
    public void Normalize_RejectsWhatCannotBeACode(string typed) => Assert.Null(VerificationCodes.Normalize(typed));
}
