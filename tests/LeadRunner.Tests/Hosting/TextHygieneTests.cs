using LeadRunner.Hosting;

namespace LeadRunner.Tests.Hosting;

public class TextHygieneTests
{
    [Fact]
    public void Names_are_normalised_to_NFC_and_trimmed()
    {
        // "é" as e + combining acute becomes the single code point.
        Assert.Null(TextHygiene.CheckName("name", "名称", "  Cafe\u0301 河北  ", out var normalised));
        Assert.Equal("Caf\u00e9 河北", normalised);
        Assert.Null(TextHygiene.CheckName("name", "名称", null, out _));
    }

    [Fact]
    public void Hidden_and_reordering_characters_are_refused_with_the_field_and_the_position()
    {
        var corpus = new (string Value, string Kind)[]
        {
            ("公司\0", "控制字符"), ("公\u0007司", "控制字符"), ("公\n司", "控制字符"), ("公\u007F司", "控制字符"),
            ("公司\u202Egnp", "文字方向控制字符"), ("\u202A公司", "文字方向控制字符"), ("公\u2066司\u2069", "文字方向控制字符"), ("公\u200F司", "文字方向控制字符"),
            ("公\u200B司", "零宽字符"), ("公\u200C司", "零宽字符"), ("公\u200D司", "零宽字符"), ("\uFEFF公司", "零宽字符"), ("公\u2060司", "零宽字符"),
            ("公\u00AD司", "不可见的格式字符"),
        };
        foreach (var (value, kind) in corpus)
        {
            var error = TextHygiene.CheckName("name", "企业名称", value, out var normalised);
            Assert.NotNull(error);
            Assert.Contains("企业名称（name）", error, StringComparison.Ordinal);
            Assert.Contains(kind, error, StringComparison.Ordinal);
            Assert.Equal("", normalised);
        }
    }

    [Fact]
    public void Lone_surrogates_and_overlong_names_are_refused()
    {
        Assert.Contains("无效的字符编码", TextHygiene.CheckName("name", "名称", "公司\uD800", out _), StringComparison.Ordinal);
        Assert.Null(TextHygiene.CheckName("name", "名称", "𠀀公司", out _)); // a proper surrogate pair (CJK Extension B)
        Assert.Contains("不能超过 10 个字符", TextHygiene.CheckName("name", "名称", new string('河', 11), out _, maxLength: 10), StringComparison.Ordinal);
    }
}
