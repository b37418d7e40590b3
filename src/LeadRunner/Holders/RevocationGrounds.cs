namespace LeadRunner.Holders;

/// <summary>The four grounds of 第十六条 for revoking a title, as the API and the revocation workflow name them.</summary>
public static class RevocationGrounds
{
    public const string Falsification = "falsification";
    public const string Violation = "violation";
    public const string NoReport = "noReport";
    public const string LateChange = "lateChange";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [Falsification] = "申报材料或监测数据弄虚作假",
        [Violation] = "有效期内发生重大安全、环保、质量事故或偷税漏税、违法违规、严重失信行为",
        [NoReport] = "不按要求报送季度数据和信息",
        [LateChange] = "更名、重组等重大变化未在一个月内报备",
    };
}
