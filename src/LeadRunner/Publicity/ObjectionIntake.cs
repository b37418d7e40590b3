using System.Globalization;
using LeadRunner.Cms;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Publicity;

/// <summary>What a visitor sends against one enterprise of a 公示 (POST /api/publicity/{id}/objections).</summary>
public sealed record ObjectionInput(string? ObjectorType, string? Name, string? IdNumber, string? Organisation, string? Phone,
    string? Enterprise, string? Facts, List<Guid>? Attachments);

/// <summary>
/// Receives a real-name objection: only inside the 公示's window, against an enterprise the 公示 lists, with a valid
/// identity number (individuals) or a sealed letter (organisations), and evidence the visitor uploaded themselves.
/// </summary>
public sealed partial class ObjectionIntake(LeadRunnerDb db, TimeProvider clock, Uploads.IUploadedFiles uploads)
{
    public const string Individual = "个人";
    public const string Organisation = "单位";
    public const int MaxAttachments = 10;

    public abstract record Outcome
    {
        public sealed record Received(Objection Objection) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Closed(string Message) : Outcome;
        public sealed record Invalid(Dictionary<string, string[]> Errors) : Outcome;
    }

    public async Task<Outcome> ReceiveAsync(int publicityId, ObjectionInput input, string? grantOwner, CancellationToken ct)
    {
        var publicity = await db.SiteItems.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == publicityId && i.Kind == SiteItemKind.Publicity && i.PublishedAt != null && i.WithdrawnAt == null, ct);
        if (publicity is null)
        {
            return new Outcome.NotFound($"公示 {publicityId} 不存在或已撤回。");
        }
        var today = clock.TodayInChina();
        var (opens, closes) = PublicityWindow.Of(publicity);
        if (today < opens || today > closes)
        {
            return new Outcome.Closed($"本批公示期为{opens:yyyy年M月d日}至{closes:yyyy年M月d日}，现不在公示期内，异议不予受理。");
        }

        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        var type = input.ObjectorType?.Trim();
        if (type is not (Individual or Organisation))
        {
            Fail("objectorType", "请选择异议人类型：个人或单位。");
        }
        var name = Text("name", type == Organisation ? "联系人姓名" : "姓名", input.Name, 30, required: true, Fail);
        var organisation = type == Organisation ? Text("organisation", "单位名称", input.Organisation, 100, required: true, Fail) : null;
        string? idNumber = null;
        if (type == Individual)
        {
            idNumber = input.IdNumber?.Trim().ToUpperInvariant();
            if (IdentityNumber.Problem(idNumber, today) is { } idProblem)
            {
                Fail("idNumber", string.IsNullOrEmpty(idNumber) ? "以个人名义提出异议须填写身份证号码。" : idProblem);
            }
        }
        var phone = input.Phone?.Trim() ?? "";
        if (!Phone().IsMatch(phone))
        {
            Fail("phone", phone.Length == 0 ? "请填写联系电话。" : "联系电话应为 11 位手机号码或带区号的固定电话（如 0311-87801234）。");
        }
        var facts = input.Facts?.Trim() ?? "";
        if (facts.Length < 20)
        {
            Fail("facts", "请写明异议事项和理由（不少于 20 个字）。");
        }
        else if (facts.Length > 2000)
        {
            Fail("facts", $"异议事项和理由不能超过 2000 个字，当前 {facts.Length} 个字。");
        }
        var target = await TargetAsync(publicity, input.Enterprise, ct);
        if (target is null)
        {
            Fail("enterprise", string.IsNullOrWhiteSpace(input.Enterprise) ? "请选择被异议的企业。" : $"“{input.Enterprise!.Trim()}”不在本批公示名单中。");
        }
        var attachments = (input.Attachments ?? []).Distinct().ToList();
        if (await AttachmentProblemAsync(attachments, grantOwner, type, ct) is { } fileProblem)
        {
            Fail("attachments", fileProblem);
        }
        if (errors.Count > 0)
        {
            return new Outcome.Invalid(errors);
        }

        // Two objections in the same second may draw the same receipt number; the unique index sends the later one round again.
        for (var attempt = 1; ; attempt++)
        {
            var objection = new Objection
            {
                Receipt = await NextReceiptAsync(today, ct), PublicityId = publicity.Id, CaseId = target!.Value.CaseId, EnterpriseName = target.Value.Name,
                ObjectorType = type!, Name = name!, IdNumber = idNumber, Organisation = organisation, Phone = phone, Facts = facts,
                Attachments = attachments, SubmittedAt = clock.GetUtcNow(),
            };
            db.Objections.Add(objection);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                if (attachments.Count > 0)
                {
                    await uploads.AttachAsync(attachments, $"objection:{objection.Id}", ct);
                }
                await transaction.CommitAsync(ct);
                return new Outcome.Received(objection);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string? Text(string field, string label, string? value, int max, bool required, Action<string, string> fail)
    {
        if (TextHygiene.CheckName(field, label, value, out var clean, max) is { } problem)
        {
            fail(field, problem);
            return null;
        }
        if (required && clean.Length == 0)
        {
            fail(field, $"请填写{label}。");
            return null;
        }
        return clean;
    }

    /// <summary>The listed enterprise named (or whose USCC is given): a published 公示 is public, whoever asks.</summary>
    private async Task<(long CaseId, string Name)?> TargetAsync(SiteItem publicity, string? named, CancellationToken ct)
    {
        var wanted = named?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }
        var uscc = wanted.ToUpperInvariant();
        var ids = publicity.CaseIds.Select(i => (long)i).ToArray();
        var match = await db.WorkflowInstances.IgnoreQueryFilters().AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Join(db.Enterprises.IgnoreQueryFilters(), i => i.EnterpriseId, e => e.Id, (i, e) => new { i.Id, e.Name, e.Uscc })
            .FirstOrDefaultAsync(c => c.Name == wanted || c.Uscc == uscc, ct);
        return match is null ? null : (match.Id, match.Name);
    }

    /// <summary>Evidence must be files this visitor uploaded under their grant and not yet used; an organisation's sealed letter is required.</summary>
    private async Task<string?> AttachmentProblemAsync(List<Guid> ids, string? grantOwner, string? type, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return type == Organisation ? "以单位名义提出异议须上传加盖公章的异议书。" : null;
        }
        if (ids.Count > MaxAttachments)
        {
            return $"证明材料最多 {MaxAttachments} 个文件，当前 {ids.Count} 个。";
        }
        if (grantOwner is null)
        {
            return "上传证明材料须先取得上传凭证，请刷新页面后重新上传。";
        }
        var usable = await db.StoredFiles.AsNoTracking()
            .CountAsync(f => ids.Contains(f.Id) && f.OwnerUserId == grantOwner && f.AttachedTo == null, ct);
        return usable == ids.Count ? null : "证明材料中有文件不存在、已被使用或不是您本次上传的，请重新上传。";
    }

    private async Task<string> NextReceiptAsync(DateOnly today, CancellationToken ct)
    {
        var prefix = "YY" + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var last = await db.Objections.Where(o => o.Receipt.StartsWith(prefix)).OrderByDescending(o => o.Receipt).Select(o => o.Receipt).FirstOrDefaultAsync(ct);
        var next = last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
        return prefix + next.ToString("D4", CultureInfo.InvariantCulture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial System.Text.RegularExpressions.Regex Phone();
}
