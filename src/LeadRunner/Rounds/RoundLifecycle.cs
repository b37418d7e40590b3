using System.Globalization;
using LeadRunner.Audit;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Programmes;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// A round's status changes: a draft is opened (its versions frozen as pins, its notice published on the public site)
/// and an open round is closed (no new cases). Each change is logged and guarded by the round's revision.
/// </summary>
public sealed class RoundLifecycle(LeadRunnerDb db, RoundDirectory directory, ProgrammeSettings programmes, Documents.DocumentRenderer renderer,
    Cms.Editing.SiteContent content, AuditLog audit, TimeProvider clock)
{
    public abstract record Outcome
    {
        public sealed record Done(Round Round) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
    }

    /// <summary>The draft round every new programme year starts as; the caller saves.</summary>
    public static Round NewDraft(int year, string title, string user, DateTimeOffset now) =>
        new() { Year = year, Title = title, Status = RoundStatus.Draft, CreatedAt = now, CreatedBy = user };

    public async Task<Outcome> OpenAsync(int year, DateOnly? noticeDate, string user, CancellationToken ct = default)
    {
        if (await db.Rounds.FirstOrDefaultAsync(r => r.Year == year, ct) is not { } round)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。");
        }
        if (round.Status != RoundStatus.Draft)
        {
            return new Outcome.Conflict($"{round.Title}已开放过（当前状态：{RoundLabels.Status(round.Status)}），不能再次开放。");
        }
        var settings = programmes.ForYear(year);
        var date = noticeDate ?? (DateOnly.TryParseExact(settings?["noticeDate"]?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var pins = await LatestVersions.ReadAsync(db, ct);
        round.Status = RoundStatus.Open;
        round.PinsJson = pins.ToJson();
        round.NoticeDate = date;
        round.OpenedAt = clock.GetUtcNow();
        round.OpenedBy = user;
        round.Revision++;
        audit.Record("开放年度批次", round.Title, after: round.PinsJson, reason: $"通知日期 {date:yyyy-MM-dd}");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var saved = await SaveAsync(round, ct);
        if (saved is not Outcome.Done opened)
        {
            return saved;
        }
        if (await PublishNoticeAsync(round, settings, date, pins.Templates.TryGetValue("notice", out var notice) ? notice : null, user, ct) is { } refused)
        {
            return refused;
        }
        await transaction.CommitAsync(ct);
        directory.Invalidate();
        return opened;
    }

    public async Task<Outcome> CloseAsync(int year, string user, CancellationToken ct = default)
    {
        if (await db.Rounds.FirstOrDefaultAsync(r => r.Year == year, ct) is not { } round)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。");
        }
        if (round.Status != RoundStatus.Open)
        {
            return new Outcome.Conflict($"只有已开放的批次可以截止，{round.Title}当前为“{RoundLabels.Status(round.Status)}”。");
        }
        round.Status = RoundStatus.Closed;
        round.ClosedAt = clock.GetUtcNow();
        round.ClosedBy = user;
        round.Revision++;
        audit.Record("截止年度批次", round.Title, reason: "截止后不再受理新的案件，已有案件继续办理");
        return await SaveAsync(round, ct);
    }

    /// <summary>
    /// The round's notice on the public site, published in the same transaction as the opening: the one already there
    /// (seeded) is linked to the round as a new version, else a new one is written from the round's notice template.
    /// </summary>
    private async Task<Outcome?> PublishNoticeAsync(Round round, System.Text.Json.Nodes.JsonObject? settings, DateOnly date, int? template, string user, CancellationToken ct)
    {
        var slug = string.Create(CultureInfo.InvariantCulture, $"{round.Year}-notice");
        var notice = await db.SiteItems.AsNoTracking().FirstOrDefaultAsync(i => i.Slug == slug, ct);
        Cms.Editing.ContentDocument doc;
        if (notice is not null)
        {
            doc = await content.PublishedAsync(notice, ct) ?? Cms.SiteSeed.DocumentOf(notice);
            if (doc.Round == round.Year && notice.IsPublic)
            {
                return null;
            }
            doc = doc with { Round = round.Year };
        }
        else
        {
            var title = round.Title;
            var city = settings?["deadlines"]?["city"]?.ToString();
            var deadline = DateOnly.TryParseExact(city, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
                ? $"各市（含定州、辛集市）工业和信息化局、雄安新区改革发展局于{due:yyyy年M月d日}前报送申报材料，逾期不予受理。" : "";
            doc = new Cms.Editing.ContentDocument
            {
                Type = "notice",
                Slug = slug,
                Round = round.Year,
                Title = $"河北省工业和信息化厅关于组织开展{title}工作的通知",
                Summary = $"已纳入市级特色产业集群“领跑者”企业培育库的企业可申报。{deadline}",
                Body = NoticeBody(settings, date, template) ?? $"各市（含定州、辛集市）工业和信息化局、雄安新区改革发展局：\n\n为做好{title}工作，现将有关事项通知如下。\n\n"
                    + "一、认定条件、申报程序和材料要求见附件1《工作指南》，申报材料按附件2清单装订。\n\n"
                    + (deadline.Length > 0 ? $"二、{deadline}\n\n" : "")
                    + "附件下载见本页下方，各附件按本年度设置生成。",
                DocumentDate = date,
            };
        }
        return await content.PublishAsSystemAsync(doc, user, ct) switch
        {
            Cms.Editing.SiteContent.Outcome.Done => null,
            var refused => new Outcome.Conflict($"本年度通知未能发布到网站：{refused}"),
        };
    }

    /// <summary>
    /// The notice template the round pins, filled with its settings and notice date. The page prints the title and the
    /// signature itself, so the template's own are left out; a template that fails leaves the short text above.
    /// </summary>
    private string? NoticeBody(System.Text.Json.Nodes.JsonObject? settings, DateOnly date, int? template)
    {
        if (settings is null || renderer.Library.Find("notice") is null)
        {
            return null;
        }
        var data = settings.DeepClone().AsObject();
        data["noticeDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            var html = renderer.Render("notice", new Documents.DocumentData { Programme = data }, version: template);
            return Documents.SiteBody.From(html);
        }
        catch (Scripting.ScriptFailureException)
        {
            return null;
        }
    }

    private async Task<Outcome> SaveAsync(Round round, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Outcome.Conflict($"{round.Title}刚被他人修改，请刷新后重试。");
        }
        directory.Invalidate();
        return new Outcome.Done(round);
    }
}
