using System.Globalization;
using LeadRunner.Rounds;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// Refuses figures that cannot describe a real enterprise, before any rule runs: a rule given nonsense would
/// produce a confident but meaningless verdict. Messages are per field, named as in the request body.
/// </summary>
public static class ApplicationChecks
{
    public static Dictionary<string, string[]> Validate(EligibilityApplication application, ProgrammeYear? year)
    {
        ArgumentNullException.ThrowIfNull(application);
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (application.Year is not { } requested)
        {
            Add("year", "请填写申报年度。");
        }
        else if (year is null)
        {
            Add("year", $"{requested.ToString(CultureInfo.InvariantCulture)} 年度批次不存在。");
        }

        if (application.Revenue is not { } revenue)
        {
            Add("revenue", "请填写上年度营业收入（万元）。");
        }
        else if (revenue <= 0)
        {
            Add("revenue", "上年度营业收入应大于 0。");
        }
        if (application.RdExpense is not { } rd)
        {
            Add("rdExpense", "请填写上年度研发投入（万元）。");
        }
        else if (rd < 0)
        {
            Add("rdExpense", "研发投入不能为负数。");
        }
        else if (application.Revenue is > 0 && rd > application.Revenue)
        {
            Add("rdExpense", "研发投入不能超过营业收入，请核对金额单位（万元）。");
        }

        if (application.ClusterSize is < 1)
        {
            Add("clusterSize", "集群内企业数应为正整数。");
        }
        if (application.ClusterRank is < 1)
        {
            Add("clusterRank", "集群内排名应为正整数。");
        }
        else if (application.ClusterRank is { } rank && application.ClusterSize is { } size and >= 1 && rank > size)
        {
            Add("clusterRank", $"集群内排名（第 {rank} 位）不能超过集群内企业数（{size} 家）。");
        }

        // The year's lists decide; an entry retired since is still read, so an earlier application keeps its meaning.
        var industry = application.Industry?.Trim();
        if (year is not null && !string.IsNullOrEmpty(industry) && year.Lists.FindIndustry(industry) is null)
        {
            Add("industry", $"“{industry}”不是 {year.Year} 年度行业名单中的行业，可选：{string.Join("、", year.Lists.Choices(RoundListSet.IndustriesList))}。");
        }

        var partners = application.Partners ?? [];
        for (var i = 0; i < partners.Count; i++)
        {
            var relation = partners[i]?.Relation?.Trim();
            if (string.IsNullOrWhiteSpace(partners[i]?.Name))
            {
                Add($"partners[{i}].name", "请填写合作企业名称。");
            }
            else if (year is not null && !string.IsNullOrEmpty(relation) && year.Lists.PartnerRelations.All(r => r.Name != relation))
            {
                Add($"partners[{i}].relation", $"“{relation}”不是 {year.Year} 年度的合作关系，可选：{string.Join("、", year.Lists.Choices(RoundListSet.PartnerRelationsList))}。");
            }
        }

        var claims = application.SpecialConditions ?? [];
        for (var i = 0; i < claims.Count; i++)
        {
            var category = claims[i]?.Category?.Trim();
            if (string.IsNullOrEmpty(category))
            {
                Add($"specialConditions[{i}].category", "请选择专项条件类别。");
            }
            else if (year is not null && !year.Categories.ContainsKey(category))
            {
                Add($"specialConditions[{i}].category",
                    $"“{category}”不是 {year.Year} 年度的专项条件类别，可选：{string.Join("、", year.Lists.Choices(RoundListSet.SpecialCategoriesList))}。");
            }
        }
        return errors;
    }
}
