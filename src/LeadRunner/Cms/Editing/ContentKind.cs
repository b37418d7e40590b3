using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Data;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Programmes;
using LeadRunner.Rounds;
using LeadRunner.Uploads;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Calendar;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Editing;

/// <summary>
/// Content items as versioned artifacts (kind "content", key = the item's id): each draft and version is checked
/// here, and publishing one copies it into the item the public reads.
/// </summary>
public sealed partial class ContentKind(LeadRunnerDb db, RoundDirectory rounds, ProgrammeSettings programmes, WorkingDayCalendar calendar,
    FormDefinitions forms, IUploadedFiles uploads, PublicSiteCache cache, TimeProvider clock) : ArtifactKind
{
    public const string Kind = "content";
    public const int BodyMaxLength = 200_000;
    public const int MaxAttachments = 20;
    public const int MaxCases = 500;
    public const int DefaultPublicityDays = 5;

    public override string Name => Kind;
    public override string Noun => "网站内容";
    public override string AuditKind => Audit.AuditKinds.Content;
    public override bool SystemAdministered => false;

    public override string FileName(string key, int version) => $"content-{key}.v{version}.json";

    public override async Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct)
    {
        var doc = ContentDocument.Parse(content, out var parseError);
        if (doc is null)
        {
            return ArtifactCheck.Failed("$", parseError ?? "内容为空。");
        }
        var errors = new List<ValidationError>();
        var section = SiteSections.FindType(doc.Type);
        if (section is null)
        {
            errors.Add(ValidationError.At("$.type", $"内容类型“{doc.Type}”不存在，可选：notice（通知公告）、publicity（公示）、list（名单）、page（页面）。"));
        }
        else if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await db.SiteItems.AsNoTracking().Where(i => i.Id == id).Select(i => (SiteItemKind?)i.Kind).FirstOrDefaultAsync(ct) is { } kind
            && kind != section.Kind)
        {
            errors.Add(ValidationError.At("$.type", $"内容类型创建后不能更改（本条为“{SiteSections.ForKind(kind).Title}”）。"));
        }
        var slug = (doc.Slug ?? "").Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug))
        {
            errors.Add(ValidationError.At("$.slug", "网址名须为 1–100 个小写字母、数字或连字符（-），且不以连字符开头或结尾，例如 2024-publicity-1。"));
        }
        Check(errors, "$.summary", "摘要", doc.Summary, 500);
        Check(errors, "$.documentNumber", "文号", doc.DocumentNumber, 100);
        Check(errors, "$.publisher", "发布单位", doc.Publisher, 100);
        if (string.IsNullOrWhiteSpace(doc.Body))
        {
            errors.Add(ValidationError.At("$.body", "正文不能为空。"));
        }
        else if (doc.Body.Length > BodyMaxLength)
        {
            errors.Add(ValidationError.At("$.body", $"正文不能超过 {BodyMaxLength} 个字符（现有 {doc.Body.Length} 个）。"));
        }
        if (doc.Round is { } year && rounds.Find(year) is null)
        {
            errors.Add(ValidationError.At("$.round", $"{year} 年度批次不存在。"));
        }
        var attachments = await CheckAttachmentsAsync(doc.Attachments ?? [], errors, ct);
        var publicity = section?.Kind == SiteItemKind.Publicity ? await CheckPublicityAsync(doc, errors, ct) : null;
        if (section is { Kind: not SiteItemKind.Publicity } && doc.Publicity is not null)
        {
            errors.Add(ValidationError.At("$.publicity", "只有公示可以设置公示批次和公示期。"));
        }
        if (errors.Count > 0)
        {
            return ArtifactCheck.Failed(errors);
        }
        var normalised = doc with
        {
            Slug = slug,
            Title = doc.Title.Trim(),
            Summary = Blank(doc.Summary),
            DocumentNumber = Blank(doc.DocumentNumber),
            Publisher = Blank(doc.Publisher),
            Body = doc.Body.ReplaceLineEndings("\n"),
            Attachments = attachments.Count > 0 ? attachments : null,
            Publicity = publicity,
        };
        return ArtifactCheck.Ok(normalised.ToJson(), normalised.Title);
    }

    public override IReadOnlyList<VersionChange> Compare(string before, string after)
    {
        var a = JsonNode.Parse(before)!.AsObject();
        var b = JsonNode.Parse(after)!.AsObject();
        var bodyBefore = a["body"]?.GetValue<string>() ?? "";
        var bodyAfter = b["body"]?.GetValue<string>() ?? "";
        a.Remove("body");
        b.Remove("body");
        return
        [
            .. JsonChanges.Compare(a, b).Select(c => c with { Path = FieldName(c.Path) }),
            .. TextChanges.Compare(bodyBefore, bodyAfter).Select(c => c with { Path = $"正文{c.Path}" }),
        ];
    }

    public override async Task<PublishEffects> PublishingAsync(ArtifactVersion version, PublishContext context, CancellationToken ct)
    {
        var id = int.Parse(version.Key, CultureInfo.InvariantCulture);
        var item = await db.SiteItems.FirstAsync(i => i.Id == id, ct);
        var doc = ContentDocument.Parse(version.Content, out _)!;
        Apply(item, doc);
        var now = clock.GetUtcNow();
        item.Version = version.Version;
        item.PublishedAt = now;
        item.UpdatedAt = now;
        item.WithdrawnAt = null;
        if (item.Attachments.Count > 0)
        {
            await uploads.AttachAsync([.. item.Attachments.Select(a => a.Id)], $"content:{item.Id}", ct);
        }
        return PublishEffects.None;
    }

    public override void Published(ArtifactVersion version) => cache.Evict();

    public override string AuditAction(VersionOperation operation, ArtifactVersion? before, ArtifactVersion after) => operation switch
    {
        VersionOperation.Draft => "保存网站内容草稿",
        VersionOperation.Rollback => "回滚网站内容",
        VersionOperation.Retract => "撤回网站内容版本",
        VersionOperation.Import => "导入网站内容",
        _ => "发布网站内容",
    };

    /// <summary>Copies a version's fields into the item the public reads.</summary>
    public void Apply(SiteItem item, ContentDocument doc)
    {
        item.Kind = SiteSections.FindType(doc.Type)!.Kind;
        item.Slug = doc.Slug;
        item.Title = doc.Title;
        item.Summary = doc.Summary ?? "";
        item.BodyMarkdown = doc.Body;
        item.Publisher = doc.Publisher ?? "河北省工业和信息化厅";
        item.DocumentNumber = doc.DocumentNumber;
        item.DocumentDate = doc.DocumentDate ?? clock.GetUtcNow().TodayIn();
        item.RoundYear = doc.Round;
        item.Attachments = [.. (doc.Attachments ?? []).Select(a => new SiteAttachment(a.Id, a.Name ?? "", 0, ""))];
        item.CaseIds = [.. doc.Publicity?.Cases ?? []];
        item.OpensOn = doc.Publicity?.OpensOn;
        item.ClosesOn = doc.Publicity?.ClosesOn;
        item.FormKey = doc.Publicity?.Form;
        FillAttachmentDetails(item);
    }

    private void FillAttachmentDetails(SiteItem item)
    {
        if (item.Attachments.Count == 0)
        {
            return;
        }
        var ids = item.Attachments.Select(a => a.Id).ToArray();
        var files = db.StoredFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionary(f => f.Id);
        item.Attachments = [.. item.Attachments.Where(a => files.ContainsKey(a.Id))
            .Select(a => new SiteAttachment(a.Id, a.FileName.Length > 0 ? a.FileName : files[a.Id].FileName, files[a.Id].Size, files[a.Id].ContentType))];
    }

    private async Task<List<ContentDocument.AttachmentRef>> CheckAttachmentsAsync(IReadOnlyList<ContentDocument.AttachmentRef> attachments, List<ValidationError> errors, CancellationToken ct)
    {
        if (attachments.Count > MaxAttachments)
        {
            errors.Add(ValidationError.At("$.attachments", $"附件最多 {MaxAttachments} 个（现有 {attachments.Count} 个）。"));
            return [];
        }
        var found = await uploads.FindAsync([.. attachments.Select(a => a.Id)], ct);
        var result = new List<ContentDocument.AttachmentRef>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (!found.TryGetValue(attachment.Id, out var file))
            {
                errors.Add(ValidationError.At($"$.attachments[{i}]", $"附件 {attachment.Id} 不存在，请重新上传。"));
                continue;
            }
            var name = string.IsNullOrWhiteSpace(attachment.Name) ? file.FileName : attachment.Name.Trim();
            if (TextHygiene.CheckName($"attachments[{i}].name", "附件名称", name, out _, 200) is { } bad)
            {
                errors.Add(ValidationError.At($"$.attachments[{i}].name", bad));
                continue;
            }
            if (result.All(r => r.Id != attachment.Id))
            {
                result.Add(new ContentDocument.AttachmentRef(attachment.Id, name));
            }
        }
        return result;
    }

    private async Task<ContentDocument.PublicityWindow?> CheckPublicityAsync(ContentDocument doc, List<ValidationError> errors, CancellationToken ct)
    {
        if (doc.Round is null)
        {
            errors.Add(ValidationError.At("$.round", "公示须指定所属年度批次。"));
        }
        var window = doc.Publicity;
        if (window?.OpensOn is not { } opens)
        {
            errors.Add(ValidationError.At("$.publicity.opensOn", "请填写公示开始日期。"));
            return null;
        }
        var cases = (window.Cases ?? []).Distinct().ToList();
        if (cases.Count == 0)
        {
            errors.Add(ValidationError.At("$.publicity.cases", "请选择本批公示的企业（案件）。"));
        }
        else if (cases.Count > MaxCases)
        {
            errors.Add(ValidationError.At("$.publicity.cases", $"一批公示最多 {MaxCases} 家企业。"));
        }
        else if (doc.Round is { } year)
        {
            var known = await db.WorkflowInstances.IgnoreQueryFilters().AsNoTracking()
                .Where(i => cases.Contains((int)i.Id) && i.RoundYear == year && i.EnterpriseId != null).Select(i => (int)i.Id).ToListAsync(ct);
            var missing = cases.Except(known).ToList();
            if (missing.Count > 0)
            {
                errors.Add(ValidationError.At("$.publicity.cases", $"案件 {string.Join("、", missing.Take(10))} 不存在或不属于 {year} 年度批次。"));
            }
        }
        var form = string.IsNullOrWhiteSpace(window.Form) ? "objection" : window.Form.Trim();
        var definition = await forms.CurrentAsync(db, form, ct);
        if (definition is null || definition.Definition.Access != FormAccess.Public)
        {
            errors.Add(ValidationError.At("$.publicity.form", $"异议表单“{form}”不存在或不是公开表单。"));
        }
        var days = doc.Round is { } y && programmes.ForYear(y)?["publicityWorkingDays"] is JsonValue value && value.TryGetValue<int>(out var configured) && configured > 0
            ? configured : DefaultPublicityDays;
        var (start, end) = calendar.Period(opens, days);
        return new ContentDocument.PublicityWindow(cases, start, end, form);
    }

    private static void Check(List<ValidationError> errors, string path, string label, string? text, int max)
    {
        if (text is { } t && t.Trim().Length > max)
        {
            errors.Add(ValidationError.At(path, $"{label}不能超过 {max} 个字符（现有 {t.Trim().Length} 个）。"));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FieldName(string path) => path switch
    {
        "$.title" => "标题",
        "$.slug" => "网址名",
        "$.summary" => "摘要",
        "$.round" => "所属年度",
        "$.documentNumber" => "文号",
        "$.documentDate" => "成文日期",
        "$.publisher" => "发布单位",
        _ when path.StartsWith("$.attachments", StringComparison.Ordinal) => $"附件{path["$.attachments".Length..]}",
        _ when path.StartsWith("$.publicity", StringComparison.Ordinal) => $"公示{path["$.publicity".Length..]}",
        _ => path,
    };

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")]
    private static partial Regex SlugPattern();
}
