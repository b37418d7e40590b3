namespace LeadRunner.Enterprises;

/// <summary>
/// Industry categories used to classify clusters and enterprises. The first six are the traditional industries the
/// guideline names; which of them get the lower R&amp;D threshold is a programme setting, not decided here.
/// </summary>
public static class IndustryCategories
{
    public static readonly IReadOnlyList<string> All =
    [
        "钢铁", "建材", "轻工", "纺织", "食品", "化工",
        "装备制造", "汽车及零部件", "电子信息", "生物医药", "新材料", "新能源", "现代农业", "其他",
    ];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category);
}
