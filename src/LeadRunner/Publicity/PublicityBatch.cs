using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Cms;
using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Rounds;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;
using Outcome = LeadRunner.Publicity.RoundActs.Outcome;

namespace LeadRunner.Publicity;

/// <summary>
/// The province announces a batch of cases that passed its review in one 公示 (the round's <c>publicity</c> template,
/// published as a content item of the round). The window starts the next working day, or a chosen working day, and
/// lasts the round's <c>publicityWorkingDays</c>; the cases then wait in the 公示.
/// </summary>
public sealed class PublicityBatch(LeadRunnerDb db, WriteTransactions writes, TakeAction takeAction, SiteContent content, DocumentRenderer renderer, RoundDirectory rounds,
    ProgrammeSettings programmes, WorkingDayCalendar calendar, TimeProvider clock)
{
    public const int MaxCases = 500;

    /// <summary>The first day of a batch published today: the next working day.</summary>
    public DateOnly DefaultStart() => calendar.NextWorkingDay(clock.TodayInChina().AddDays(1));

    public async Task<Outcome> PublishAsync(int year, IReadOnlyList<long>? caseIds, DateOnly? start, Actor actor, CancellationToken ct)
    {
        if (rounds.Find(year) is null || programmes.ForYear(year) is not { } settings)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。");
        }
        var ids = caseIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxCases)
        {
            return Outcome.Field("caseIds", $"请选择要公示的案件（1 至 {MaxCases} 件）。");
        }
        var today = clock.TodayInChina();
        var opens = start ?? DefaultStart();
        if (opens < today || !calendar.IsWorkingDay(opens))
        {
            return Outcome.Field("start", $"公示开始日期 {opens:yyyy年M月d日} 须为今天或以后的工作日。");
        }
        var cases = await RoundActCases.LoadAsync(db, year, ids, ct);
        var refused = ids.Where(id => cases.All(c => c.Id != id)).Select(id => $"案件 {id} 不属于 {year} 年度或不存在")
            .Concat(cases.Where(c => c.Step != RoundActs.AwaitingPublicity || c.Status != InstanceStatus.Running)
                .Select(c => $"{c.Enterprise}：不在“待发布公示”环节"))
            .ToList();
        if (refused.Count > 0)
        {
            return new Outcome.Conflict("以下案件不能列入本批公示：" + string.Join("；", refused) + "。", refused);
        }

        var batch = await db.SiteItems.CountAsync(i => i.Kind == SiteItemKind.Publicity && i.RoundYear == year, ct) + 1;
        var days = ProgrammeSettings.Read(settings, "publicityWorkingDays") is JsonValue v && v.TryGetValue<int>(out var d) && d > 0 ? d : 5;
        var closes = calendar.Period(opens, days).End;
        string body;
        try
        {
            body = RoundActCases.Announcement(renderer, rounds, "publicity", settings, year, cases, new JsonObject
            {
                ["start"] = opens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["end"] = closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["issuedAt"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
        }
        catch (Scripting.ScriptFailureException e)
        {
            return new Outcome.Conflict($"公示模板未能生成公示内容：{e.Message}");
        }
        var doc = new ContentDocument
        {
            Type = "publicity",
            Slug = string.Create(CultureInfo.InvariantCulture, $"{year}-publicity-{batch}"),
            Round = year,
            Title = $"关于{year}年度河北省特色产业集群“领跑者”企业拟认定名单的公示" + (batch > 1 ? $"（第{batch}批）" : ""),
            Summary = $"拟认定{cases.Count}家企业，公示期{opens:yyyy年M月d日}至{closes:yyyy年M月d日}（{days}个工作日），公示期内可实名提出异议。",
            Body = body,
            DocumentDate = today,
            Publisher = "河北省工业和信息化厅",
            Publicity = new ContentDocument.PublicityWindow([.. cases.Select(c => (int)c.Id)], opens),
        };
        return await writes.RunAsync<Outcome>(async () =>
        {
            if (await content.PublishAsSystemAsync(doc, actor.Name, ct) is not SiteContent.Outcome.Done published)
            {
                return new Outcome.Conflict("公示未能发布到网站，请检查公示模板后重试。");
            }
            var item = published.Item;
            var window = new JsonObject
            {
                ["id"] = item.Id, ["slug"] = item.Slug, ["url"] = SiteSections.UrlOf(item.Kind, item.Slug),
                ["start"] = opens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["end"] = (item.ClosesOn ?? closes).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            foreach (var c in cases)
            {
                var moved = await takeAction.ActInBatchAsync(c.Id, RoundActs.Publicize, null, new JsonObject { ["publicity"] = window.DeepClone() }, actor);
                if (moved is not TransitionOutcome.Done)
                {
                    return new Outcome.Conflict($"{c.Enterprise}的案件未能进入公示（{moved.Reason}），本批未发布。");
                }
            }
            return new Outcome.Published(item, opens, item.ClosesOn ?? closes, cases.Count);
        }, o => o is Outcome.Published, m => new Outcome.Conflict(m));
    }
}
