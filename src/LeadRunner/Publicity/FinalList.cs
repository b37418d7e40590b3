using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Cms;
using LeadRunner.Cms.Editing;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Rounds;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;
using Outcome = LeadRunner.Publicity.RoundActs.Outcome;

namespace LeadRunner.Publicity;

/// <summary>
/// The province publishes the final list (the round's <c>final-list</c> template with the authorising document
/// number and date) for cases whose 公示 has ended with every objection decided; each case is then authorised and
/// its certificate issued, all in one unit of work.
/// </summary>
public sealed class FinalList(LeadRunnerDb db, WriteTransactions writes, TakeAction takeAction, SiteContent content, DocumentRenderer renderer, RoundDirectory rounds,
    ProgrammeSettings programmes, TimeProvider clock)
{
    public async Task<Outcome> PublishAsync(int year, IReadOnlyList<long>? caseIds, string? documentNumber, DateOnly? date, Actor actor, CancellationToken ct)
    {
        if (rounds.Find(year) is null || programmes.ForYear(year) is not { } settings)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。");
        }
        var ids = caseIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > PublicityBatch.MaxCases)
        {
            return Outcome.Field("caseIds", $"请选择列入认定名单的案件（1 至 {PublicityBatch.MaxCases} 件）。");
        }
        var number = documentNumber?.Trim() ?? "";
        if (number.Length is 0 or > 50)
        {
            return Outcome.Field("documentNumber", "请填写发文文号（不超过 50 个字符），如“冀工信集群〔2024〕12号”。");
        }
        var today = clock.TodayInChina();
        var issued = date ?? today;
        if (issued > today)
        {
            return Outcome.Field("date", $"发文日期 {issued:yyyy年M月d日} 不能晚于今天。");
        }
        var cases = await RoundActCases.LoadAsync(db, year, ids, ct);
        var reasons = await BlockedAsync(cases, today, ct);
        var blocked = ids.Where(id => cases.All(c => c.Id != id)).Select(id => $"案件 {id} 不属于 {year} 年度或不存在")
            .Concat(cases.Where(c => reasons.ContainsKey(c.Id)).Select(c => $"{c.Enterprise}：{reasons[c.Id]}")).ToList();
        if (blocked.Count > 0)
        {
            return new Outcome.Conflict("以下案件暂不能列入认定名单：" + string.Join("；", blocked) + "。", blocked);
        }

        string body;
        try
        {
            body = RoundActCases.Announcement(renderer, rounds, "final-list", settings, year, cases,
                new JsonObject { ["issuedAt"] = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        catch (Scripting.ScriptFailureException e)
        {
            return new Outcome.Conflict($"名单模板未能生成名单内容：{e.Message}");
        }
        var batch = await db.SiteItems.CountAsync(i => i.Kind == SiteItemKind.List && i.RoundYear == year && i.DocumentNumber != null, ct) + 1;
        var doc = new ContentDocument
        {
            Type = "list",
            Slug = string.Create(CultureInfo.InvariantCulture, $"{year}-final-list-{batch}"),
            Round = year,
            Title = $"河北省工业和信息化厅关于公布{year}年度河北省特色产业集群“领跑者”企业名单的通知" + (batch > 1 ? $"（第{batch}批）" : ""),
            Summary = $"经公示，认定{cases.Count}家企业为{year}年度河北省特色产业集群“领跑者”企业。",
            Body = body,
            DocumentNumber = number,
            DocumentDate = issued,
            Publisher = "河北省工业和信息化厅",
        };
        return await writes.RunAsync<Outcome>(async () =>
        {
            if (await content.PublishAsSystemAsync(doc, actor.Name, ct) is not SiteContent.Outcome.Done published)
            {
                return new Outcome.Conflict("认定名单未能发布到网站，请检查名单模板后重试。");
            }
            var item = published.Item;
            var list = new JsonObject
            {
                ["id"] = item.Id, ["slug"] = item.Slug, ["url"] = SiteSections.UrlOf(item.Kind, item.Slug), ["documentNumber"] = number,
                ["date"] = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            foreach (var c in cases)
            {
                var moved = await takeAction.ActInBatchAsync(c.Id, RoundActs.Authorize, $"列入认定名单（{number}）", new JsonObject { ["finalList"] = list.DeepClone() }, actor);
                if (moved is not TransitionOutcome.Done)
                {
                    return new Outcome.Conflict($"{c.Enterprise}未能授牌（{moved.Reason}），名单未发布。");
                }
            }
            return new Outcome.Published(item, issued, issued, cases.Count);
        }, o => o is Outcome.Published, m => new Outcome.Conflict(m));
    }

    /// <summary>Why each case may not be listed yet (by case id): not in a 公示, its window still open, or objections undecided.</summary>
    public async Task<Dictionary<long, string>> BlockedAsync(List<ActCase> cases, DateOnly today, CancellationToken ct)
    {
        var windows = await WindowsAsync(cases, ct);
        var pending = await PendingObjectionsAsync(cases, ct);
        var blocked = new Dictionary<long, string>();
        foreach (var c in cases)
        {
            if (c.Step != RoundActs.InPublicity || c.Status != InstanceStatus.Running)
            {
                blocked[c.Id] = "不在公示环节";
            }
            else if (c.PublicityId is not { } p || !windows.TryGetValue(p, out var closes))
            {
                blocked[c.Id] = "找不到其公示";
            }
            else if (closes >= today)
            {
                blocked[c.Id] = $"公示期至{closes:yyyy年M月d日}，尚未结束";
            }
            else if (pending.TryGetValue(c.Id, out var count))
            {
                blocked[c.Id] = $"有 {count} 件异议尚未处理";
            }
        }
        return blocked;
    }

    private async Task<Dictionary<int, DateOnly>> WindowsAsync(List<ActCase> cases, CancellationToken ct)
    {
        var ids = cases.Select(c => c.PublicityId).OfType<int>().Distinct().ToList();
        var items = await db.SiteItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        return items.ToDictionary(i => i.Id, i => PublicityWindow.Of(i).Closes);
    }

    private async Task<Dictionary<long, int>> PendingObjectionsAsync(List<ActCase> cases, CancellationToken ct)
    {
        var ids = cases.Select(c => c.Id).ToList();
        return await db.Objections.AsNoTracking()
            .Where(o => ids.Contains(o.CaseId) && (o.Status == ObjectionStatus.Received || o.Status == ObjectionStatus.Investigating))
            .GroupBy(o => o.CaseId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
