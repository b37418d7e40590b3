namespace LeadRunner.Holders.Support;

/// <summary>The support kinds and claim statuses as the API names them, with the Chinese a reader sees.</summary>
public static class SupportKinds
{
    public const string Equipment = "equipment";
    public const string Merger = "merger";
    public const string RevenueMilestone = "revenueMilestone";
    public const string Top500 = "top500";

    public static readonly IReadOnlyDictionary<string, SupportKind> ByName = new Dictionary<string, SupportKind>(StringComparer.Ordinal)
    {
        [Equipment] = SupportKind.Equipment,
        [Merger] = SupportKind.Merger,
        [RevenueMilestone] = SupportKind.RevenueMilestone,
        [Top500] = SupportKind.Top500,
    };

    public static string Name(SupportKind kind) => kind switch
    {
        SupportKind.Equipment => Equipment,
        SupportKind.Merger => Merger,
        SupportKind.RevenueMilestone => RevenueMilestone,
        _ => Top500,
    };

    public static string Title(SupportKind kind) => kind switch
    {
        SupportKind.Equipment => "设备更新补助",
        SupportKind.Merger => "并购重组激励",
        SupportKind.RevenueMilestone => "营业收入台阶激励",
        _ => "首次进入 500 强激励",
    };

    public static string StatusName(ClaimStatus status) => status switch
    {
        ClaimStatus.Approved => "approved",
        ClaimStatus.Rejected => "rejected",
        _ => "pending",
    };

    public static string StatusTitle(ClaimStatus status) => status switch
    {
        ClaimStatus.Approved => "已核准",
        ClaimStatus.Rejected => "不予支持",
        _ => "审核中",
    };

    public static ClaimStatus? StatusByName(string? name) => name switch
    {
        "pending" => ClaimStatus.Pending,
        "approved" => ClaimStatus.Approved,
        "rejected" => ClaimStatus.Rejected,
        _ => null,
    };

    /// <summary>The two lists of 第十三条 whose first entry is rewarded, as the form offers them.</summary>
    public static readonly IReadOnlyList<string> Top500Lists = ["中国民营企业500强", "中国制造业500强"];

    public const string UnknownKind = "申请类别应为 equipment（设备更新补助）、merger（并购重组激励）、revenueMilestone（营业收入台阶激励）或 top500（首次进入 500 强激励）。";
}
