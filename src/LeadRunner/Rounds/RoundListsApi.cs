using System.Globalization;
using LeadRunner.Hosting;
using LeadRunner.Hosting.ApiDescription;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Rounds;

/// <summary>
/// A round's reference lists for anyone (the lists are part of the public notice); a draft round's for administrators only. <c>format=options</c> gives the
/// entries still offered as <c>[{ label, value, … }]</c>, the shape a Form.io select with <c>dataSrc: "url"</c> binds to;
/// <c>current</c> in place of the year names the round new choices are made in.
/// </summary>
public static class RoundListsApi
{
    public const string Current = "current";
    public const string OptionsFormat = "options";

    public sealed record IndustryOption(string Label, string Value, bool Traditional);
    public sealed record CategoryOption(string Label, string Value, IReadOnlyList<string> Items);
    public sealed record ListOption(string Label, string Value);

    /// <summary>What <see cref="Get"/> answers: the raw lists, the money unit, then the options.</summary>
    public static readonly Type[] Shapes =
    [
        typeof(IReadOnlyList<Industry>), typeof(IReadOnlyList<SpecialCategory>), typeof(IReadOnlyList<PartnerRelation>), typeof(string),
        typeof(List<IndustryOption>), typeof(List<CategoryOption>), typeof(List<ListOption>),
    ];

    public static void MapRoundListsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/rounds/{year}/lists/{name}", Get).WithTags("年度批次").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound)
            // One route, several bodies (Form.io selects bind to it as it is): the description lists each of them.
            .ProducesAnyOf(StatusCodes.Status200OK, "名单内容，随 name 与 format 而不同：industries、specialCategories、partnerRelations 为全部条目的数组"
                + "（已停用的条目 retired 为 true），moneyUnit 为金额单位字符串；format=options 时为仍可选条目的数组 [{ label, value, … }]"
                + "（行业带 traditional，特殊条件类别带 items，moneyUnit 为只有一项的数组）。", Shapes)
            .WithName("GetRoundList").WithSummary("年度批次参考名单")
            .WithDescription("年度批次公告所附名单（industries、specialCategories、partnerRelations、moneyUnit），year 可用 current 表示当前受理的年度；"
                + "format=options 只给出仍可选的条目，形如 [{ label, value }]。可匿名访问；年度或名单不存在返回 404，格式不支持返回 400。");

    public static async Task<Results<Ok<object>, ProblemHttpResult, ValidationProblem>> Get(string year, string name, string? format, RoundLists lists, RoundDirectory rounds,
        HttpContext http, CancellationToken ct)
    {
        int? number = year == Current ? lists.CurrentYear()
            : int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
        if (number is not { } n || rounds.HiddenFrom(n, http.User) || lists.ForYear(n) is not { } set)
        {
            return ApiProblems.NotFound(year == Current ? "尚无开放的年度批次。" : $"{year} 年度批次不存在。");
        }
        if (!RoundListSet.Names.ContainsKey(name))
        {
            return ApiProblems.NotFound($"没有名为“{name}”的名单，可选：{string.Join("、", RoundListSet.Names.Select(l => $"{l.Key}（{l.Value}）"))}。");
        }
        var options = format == OptionsFormat;
        if (format is not null && !options)
        {
            return ApiProblems.Invalid("format", $"不支持的格式“{format}”，可省略或使用 format={OptionsFormat}。");
        }
        return TypedResults.Ok(options ? Options(set, name) : Raw(set, name));
    }

    // As in the settings: every entry, retired ones flagged.
    private static object Raw(RoundListSet set, string name) => name switch
    {
        RoundListSet.IndustriesList => set.Industries,
        RoundListSet.SpecialCategoriesList => set.SpecialCategories,
        RoundListSet.PartnerRelationsList => set.PartnerRelations,
        _ => set.MoneyUnit,
    };

    // What a new choice may be: retired entries are left out.
    private static object Options(RoundListSet set, string name) => name switch
    {
        RoundListSet.IndustriesList => set.Industries.Where(i => !i.Retired).Select(i => new IndustryOption(i.Name, i.Name, i.Traditional)).ToList(),
        RoundListSet.SpecialCategoriesList => set.SpecialCategories.Where(c => !c.Retired).Select(c => new CategoryOption(c.Title, c.Key, c.Items)).ToList(),
        RoundListSet.PartnerRelationsList => set.PartnerRelations.Where(r => !r.Retired).Select(r => new ListOption(r.Name, r.Name)).ToList(),
        _ => new List<ListOption> { new(set.MoneyUnit, set.MoneyUnit) },
    };
}
