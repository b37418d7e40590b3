using System.Globalization;
using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Editing;

/// <summary>
/// What staff do with the site's content: create, edit a draft, publish or withdraw now or at a time, approve another
/// person's publish, restore an old version. Versions live in the shared <see cref="ArtifactStore"/>; timed and
/// approved changes wait as <see cref="ContentRequest"/>s.
/// </summary>
public sealed class SiteContent(LeadRunnerDb db, ArtifactStore store, ContentKind kind, AuditLog audit, PublicSiteCache cache, TimeProvider clock)
{
    public const string ApprovalSetting = "cms.requireApproval";

    public abstract record Outcome
    {
        public sealed record Done(SiteItem Item, string Message, ContentRequest? Request = null, ArtifactVersion? Version = null) : Outcome;
        public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Conflict(string Message) : Outcome;
    }

    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    public Task<bool> RequiresApprovalAsync(CancellationToken ct) =>
        db.AppState.AnyAsync(s => s.Key == ApprovalSetting && s.Value == "true", ct);

    public async Task SetApprovalAsync(bool required, CancellationToken ct)
    {
        var row = await db.AppState.FirstOrDefaultAsync(s => s.Key == ApprovalSetting, ct);
        if (row is null)
        {
            db.AppState.Add(new AppState { Key = ApprovalSetting, Value = required ? "true" : "false" });
        }
        else
        {
            row.Value = required ? "true" : "false";
        }
        audit.Record(required ? "开启网站内容发布审核" : "关闭网站内容发布审核", "网站内容", reason: required ? "发布前须由另一名发布人审核" : "发布人可直接发布");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The item's one draft, if it has one.</summary>
    public Task<ArtifactVersion?> DraftAsync(int id, CancellationToken ct) =>
        store.Versions(ContentKind.Kind, Key(id)).Where(v => v.State == VersionState.Draft).OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);

    /// <summary>A new item: its first draft, not yet on the site.</summary>
    public async Task<Outcome> CreateAsync(ContentDocument doc, string user, CancellationToken ct)
    {
        if (await SlugTakenAsync(doc.Slug, null, ct) is { } taken)
        {
            return taken;
        }
        var check = await kind.CheckAsync("new", doc.ToJson(), ct);
        if (!check.Valid)
        {
            return new Outcome.Invalid(check.Errors);
        }
        var normalised = ContentDocument.Parse(check.Content!, out _)!;
        var item = new SiteItem { Slug = normalised.Slug, Title = normalised.Title, BodyMarkdown = "", UpdatedAt = clock.GetUtcNow() };
        kind.Apply(item, normalised);
        // Inside a caller's transaction (a round being opened) the change is part of it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.SiteItems.Add(item);
        await db.SaveChangesAsync(ct);
        var saved = await store.SaveDraftAsync(ContentKind.Kind, Key(item.Id), check.Content!, user, "新建", ct: ct);
        if (saved is not VersionOutcome.Saved draft)
        {
            return From(saved);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return new Outcome.Done(item, "已保存为草稿，发布后在网站上显示。", Version: draft.Version);
    }

    /// <summary>Saves the item's draft; the public keeps the published version until the draft is published.</summary>
    public async Task<Outcome> SaveDraftAsync(int id, ContentDocument doc, string user, string? note, CancellationToken ct)
    {
        var item = await db.SiteItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Missing(id);
        }
        if (await SlugTakenAsync(doc.Slug, id, ct) is { } taken)
        {
            return taken;
        }
        var draft = await DraftAsync(id, ct);
        // Inside a caller's transaction (a round being opened) the change is part of it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // An approval or a timer was given for the content as it was: a changed draft must be asked for again.
        var cancelled = await CancelPendingAsync(id, ContentAction.Publish, "草稿已修改，原发布申请作废", ct);
        var saved = await store.SaveDraftAsync(ContentKind.Kind, Key(id), doc.ToJson(), user, note, draft?.Id, ct);
        if (saved is not VersionOutcome.Saved done)
        {
            return From(saved);
        }
        if (item.Version is null)
        {
            // Never published: the item shows its draft in the editor's list (the public does not see it).
            kind.Apply(item, ContentDocument.Parse(done.Version.Content, out _)!);
            await db.SaveChangesAsync(ct);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        var message = cancelled > 0 ? "草稿已保存。原有的发布申请已作废，请重新提交发布。" : "草稿已保存，网站上仍显示已发布的版本。";
        return new Outcome.Done(item, item.Version is null ? "草稿已保存。" : message, Version: done.Version);
    }

    /// <summary>
    /// Publishes the draft now, at <paramref name="at"/>, or once a second publisher approves. A time already past
    /// publishes at once. A withdrawn item without a draft goes back on the site as it was.
    /// </summary>
    public async Task<Outcome> PublishAsync(int id, DateTimeOffset? at, string user, CancellationToken ct)
    {
        var item = await db.SiteItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Missing(id);
        }
        var draft = await DraftAsync(id, ct);
        if (draft is null && (item.Version is null || item.IsPublic))
        {
            return new Outcome.Conflict($"“{item.Title}”没有待发布的修改。");
        }
        var now = clock.GetUtcNow();
        var past = at is { } when && when <= now;
        if (await RequiresApprovalAsync(ct))
        {
            await CancelPendingAsync(id, ContentAction.Publish, "已提交新的发布申请", ct);
            var request = Request(item, ContentAction.Publish, draft?.Id, past ? null : at, ContentRequestState.AwaitingApproval, user);
            audit.Record("提交网站内容发布审核", Subject(item), reason: at is null || past ? "审核通过后立即发布" : $"审核通过后于 {Local(at.Value)} 发布", kind: AuditKinds.Content);
            await db.SaveChangesAsync(ct);
            return new Outcome.Done(item, "已提交审核，须由另一名发布人审核通过后发布。", request);
        }
        if (at is { } scheduled && !past)
        {
            await CancelPendingAsync(id, ContentAction.Publish, "已重新安排发布", ct);
            var request = Request(item, ContentAction.Publish, draft?.Id, scheduled, ContentRequestState.Scheduled, user);
            audit.Record("定时发布网站内容", Subject(item), reason: $"将于 {Local(scheduled)} 发布", kind: AuditKinds.Content);
            await db.SaveChangesAsync(ct);
            return new Outcome.Done(item, $"已安排于 {Local(scheduled)} 发布。", request);
        }
        var published = await PublishNowAsync(item, draft?.Id, user, ct);
        return published is Outcome.Done done && past
            ? done with { Message = $"指定的时间 {Local(at!.Value)} 已过，已立即发布。" }
            : published;
    }

    /// <summary>Takes the item off the site now or at <paramref name="at"/>: its address then answers 410. No approval is needed to withdraw.</summary>
    public async Task<Outcome> UnpublishAsync(int id, DateTimeOffset? at, string user, CancellationToken ct)
    {
        var item = await db.SiteItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Missing(id);
        }
        if (!item.IsPublic)
        {
            return new Outcome.Conflict($"“{item.Title}”当前未在网站上发布。");
        }
        var now = clock.GetUtcNow();
        if (at is { } scheduled && scheduled > now)
        {
            await CancelPendingAsync(id, ContentAction.Unpublish, "已重新安排撤下", ct);
            var request = Request(item, ContentAction.Unpublish, null, scheduled, ContentRequestState.Scheduled, user);
            audit.Record("定时撤下网站内容", Subject(item), reason: $"将于 {Local(scheduled)} 撤下", kind: AuditKinds.Content);
            await db.SaveChangesAsync(ct);
            return new Outcome.Done(item, $"已安排于 {Local(scheduled)} 撤下。", request);
        }
        Withdraw(item, user, null);
        await db.SaveChangesAsync(ct);
        cache.Evict();
        return new Outcome.Done(item, at is null ? "已从网站撤下，原网址将提示内容已撤下。" : $"指定的时间 {Local(at.Value)} 已过，已立即撤下。");
    }

    /// <summary>A second publisher approves a publish: it happens now, or at the time asked for.</summary>
    public async Task<Outcome> ApproveAsync(int requestId, string user, CancellationToken ct)
    {
        var request = await db.ContentRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || request.State != ContentRequestState.AwaitingApproval)
        {
            return new Outcome.NotFound($"发布申请 {requestId} 不存在或已处理。");
        }
        var item = await db.SiteItems.FirstAsync(i => i.Id == request.SiteItemId, ct);
        if (string.Equals(request.RequestedBy, user, StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome.Conflict("不能审核自己提交的发布申请，须由另一名发布人审核。");
        }
        var now = clock.GetUtcNow();
        request.ApprovedBy = user;
        request.ApprovedAt = now;
        if (request.At is { } at && at > now)
        {
            request.State = ContentRequestState.Scheduled;
            audit.Record("审核通过网站内容发布", Subject(item), reason: $"将于 {Local(at)} 发布（申请人 {request.RequestedBy}）", kind: AuditKinds.Content);
            await db.SaveChangesAsync(ct);
            return new Outcome.Done(item, $"已审核通过，将于 {Local(at)} 发布。", request);
        }
        audit.Record("审核通过网站内容发布", Subject(item), reason: $"申请人 {request.RequestedBy}", kind: AuditKinds.Content);
        return await CarryOutAsync(request, item, user, ct);
    }

    /// <summary>Refuses a publish awaiting approval, or cancels a scheduled publish or withdrawal.</summary>
    public async Task<Outcome> CancelAsync(int requestId, string user, string? reason, CancellationToken ct)
    {
        var request = await db.ContentRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || request.State is not (ContentRequestState.AwaitingApproval or ContentRequestState.Scheduled))
        {
            return new Outcome.NotFound($"申请 {requestId} 不存在或已处理。");
        }
        var item = await db.SiteItems.FirstAsync(i => i.Id == request.SiteItemId, ct);
        var refused = request.State == ContentRequestState.AwaitingApproval && !string.Equals(request.RequestedBy, user, StringComparison.OrdinalIgnoreCase);
        request.State = ContentRequestState.Cancelled;
        request.DoneAt = clock.GetUtcNow();
        request.Outcome = Clip($"{(refused ? "审核未通过" : "已取消")}（{user}）{(string.IsNullOrWhiteSpace(reason) ? "" : "：" + reason.Trim())}");
        audit.Record(refused ? "退回网站内容发布申请" : "取消网站内容定时操作", Subject(item), reason: reason, kind: AuditKinds.Content);
        await db.SaveChangesAsync(ct);
        return new Outcome.Done(item, refused ? "已退回该发布申请。" : "已取消。", request);
    }

    /// <summary>An old version's content becomes the draft, to check and publish; the site keeps what it shows.</summary>
    public async Task<Outcome> RestoreAsync(int id, int version, string user, CancellationToken ct)
    {
        var old = await store.VersionAsync(ContentKind.Kind, Key(id), version, ct);
        if (old is null)
        {
            return new Outcome.NotFound($"网站内容 {id} 没有第 {version} 版。");
        }
        var doc = ContentDocument.Parse(old.Content, out _)!;
        return await SaveDraftAsync(id, doc, user, $"由第 {version} 版恢复", ct) switch
        {
            Outcome.Done done => done with { Message = $"已将第 {version} 版恢复为草稿，发布后生效。" },
            var other => other,
        };
    }

    /// <summary>
    /// Publishes what the system itself writes (the seeded notice, a round's notice): the item with this slug gets the
    /// content as a new version at once, without approval; a new item is created first.
    /// </summary>
    public async Task<Outcome> PublishAsSystemAsync(ContentDocument doc, string user, CancellationToken ct)
    {
        var id = await db.SiteItems.Where(i => i.Slug == doc.Slug).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        var saved = id is { } existing ? await SaveDraftAsync(existing, doc, user, null, ct) : await CreateAsync(doc, user, ct);
        if (saved is not Outcome.Done done)
        {
            return saved;
        }
        var item = await db.SiteItems.FirstAsync(i => i.Id == done.Item.Id, ct);
        return await PublishNowAsync(item, done.Version!.Id, user, ct);
    }

    /// <summary>The current published version of an item as staff would edit it.</summary>
    public async Task<ContentDocument?> PublishedAsync(SiteItem item, CancellationToken ct) =>
        item.Version is { } v && await store.VersionAsync(ContentKind.Kind, Key(item.Id), v, ct) is { } version
            ? ContentDocument.Parse(version.Content, out _)
            : null;

    /// <summary>Carries out the scheduled requests that are due; each stands alone, so one failure stops no other.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.ContentRequests.Where(r => r.State == ContentRequestState.Scheduled && r.At <= now)
            .OrderBy(r => r.At).Select(r => r.Id).Take(100).ToListAsync(ct);
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            // Claimed so that two instances' schedulers carry out a request once; its state is re-read under the claim.
            await using var transaction = await JobClaims.BeginAsync(db, ct);
            if (!await JobClaims.ClaimOneAsync<ContentRequest, int>(db, id, ct))
            {
                continue;
            }
            var request = await db.ContentRequests.FirstOrDefaultAsync(r => r.Id == id && r.State == ContentRequestState.Scheduled, ct);
            if (request is null)
            {
                continue;
            }
            var item = await db.SiteItems.FirstAsync(i => i.Id == request.SiteItemId, ct);
            await CarryOutAsync(request, item, request.ApprovedBy ?? request.RequestedBy, ct);
            await transaction.CommitAsync(ct);
        }
        return due.Count;
    }

    private async Task<Outcome> CarryOutAsync(ContentRequest request, SiteItem item, string user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.Action == ContentAction.Unpublish)
        {
            request.State = ContentRequestState.Done;
            request.DoneAt = now;
            if (item.IsPublic)
            {
                Withdraw(item, user, $"按计划撤下（申请人 {request.RequestedBy}）");
            }
            request.Outcome = "已撤下";
            await db.SaveChangesAsync(ct);
            cache.Evict();
            return new Outcome.Done(item, "已撤下。", request);
        }
        var outcome = await PublishNowAsync(item, request.DraftId, user, ct);
        db.ChangeTracker.Clear();
        var saved = await db.ContentRequests.FirstAsync(r => r.Id == request.Id, ct);
        saved.DoneAt = now;
        saved.ApprovedBy = request.ApprovedBy;
        saved.ApprovedAt = request.ApprovedAt;
        (saved.State, saved.Outcome) = outcome switch
        {
            Outcome.Done done => (ContentRequestState.Done, done.Version?.Version is { } v ? $"已发布第 {v} 版" : "已重新发布"),
            Outcome.Invalid invalid => (ContentRequestState.Failed, Clip("未能发布：" + string.Join("；", invalid.Errors.Take(3)))),
            Outcome.Conflict conflict => (ContentRequestState.Failed, Clip("未能发布：" + conflict.Message)),
            Outcome.NotFound missing => (ContentRequestState.Failed, Clip("未能发布：" + missing.Message)),
            _ => (ContentRequestState.Failed, "未能发布"),
        };
        await db.SaveChangesAsync(ct);
        return outcome is Outcome.Done ok ? ok with { Request = saved } : outcome;
    }

    private async Task<Outcome> PublishNowAsync(SiteItem item, int? draftId, string user, CancellationToken ct)
    {
        if (draftId is null)
        {
            // Back on the site as it was before it was withdrawn.
            item.WithdrawnAt = null;
            item.PublishedAt = clock.GetUtcNow();
            audit.Record("重新发布网站内容", Subject(item), kind: AuditKinds.Content);
            await db.SaveChangesAsync(ct);
            cache.Evict();
            return new Outcome.Done(item, "已重新发布。");
        }
        if (await SlugTakenAsync(ContentDocument.Parse((await db.ArtifactVersions.AsNoTracking().FirstAsync(v => v.Id == draftId, ct)).Content, out _)!.Slug, item.Id, ct) is { } taken)
        {
            return taken;
        }
        var outcome = await store.PublishDraftAsync(ContentKind.Kind, Key(item.Id), draftId.Value, user, null, ct: ct);
        if (outcome is not VersionOutcome.Saved saved)
        {
            return From(outcome);
        }
        var fresh = await db.SiteItems.AsNoTracking().FirstAsync(i => i.Id == item.Id, ct);
        return new Outcome.Done(fresh, $"已发布第 {saved.Version.Version} 版。", Version: saved.Version);
    }

    private void Withdraw(SiteItem item, string user, string? reason)
    {
        item.WithdrawnAt = clock.GetUtcNow();
        audit.Record("撤下网站内容", Subject(item), reason: reason, kind: AuditKinds.Content, userName: user);
    }

    private ContentRequest Request(SiteItem item, ContentAction action, int? draftId, DateTimeOffset? at, ContentRequestState state, string user)
    {
        var request = new ContentRequest
        {
            SiteItemId = item.Id, Action = action, DraftId = draftId, At = at, State = state, RequestedBy = user, RequestedAt = clock.GetUtcNow(),
        };
        db.ContentRequests.Add(request);
        return request;
    }

    private async Task<int> CancelPendingAsync(int id, ContentAction action, string why, CancellationToken ct)
    {
        var pending = await db.ContentRequests.Where(r => r.SiteItemId == id && r.Action == action
            && (r.State == ContentRequestState.AwaitingApproval || r.State == ContentRequestState.Scheduled)).ToListAsync(ct);
        foreach (var request in pending)
        {
            request.State = ContentRequestState.Cancelled;
            request.DoneAt = clock.GetUtcNow();
            request.Outcome = why;
        }
        return pending.Count;
    }

    private async Task<Outcome?> SlugTakenAsync(string? slug, int? id, CancellationToken ct)
    {
        var wanted = (slug ?? "").Trim().ToLowerInvariant();
        var other = await db.SiteItems.AsNoTracking().Where(i => i.Slug == wanted && i.Id != id).Select(i => i.Title).FirstOrDefaultAsync(ct);
        return other is null ? null : new Outcome.Conflict($"网址名“{wanted}”已被“{other}”使用，请换一个。");
    }

    private static Outcome.NotFound Missing(int id) => new($"网站内容 {id} 不存在。");

    private static Outcome From(VersionOutcome outcome) => outcome switch
    {
        VersionOutcome.Invalid invalid => new Outcome.Invalid(invalid.Errors),
        VersionOutcome.NotFound missing => new Outcome.NotFound(missing.Message),
        VersionOutcome.Conflict conflict => new Outcome.Conflict(conflict.Message),
        _ => throw new InvalidOperationException("A saved version is not a refusal."),
    };

    private static string Subject(SiteItem item) => $"{item.Title}（{SiteSections.UrlOf(item.Kind, item.Slug)}）";

    private static string Local(DateTimeOffset at) => Hosting.ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length <= 500 ? text : text[..500];
}
