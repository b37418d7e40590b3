using LeadRunner.Accounts;
using LeadRunner.Data;
using LeadRunner.Hosting;
using LeadRunner.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Editing;

/// <summary>
/// /api/content: the published items for anyone, and the editing of items for province staff holding the
/// publishing permission (drafts, publishing now or at a time, withdrawal, approval, versions).
/// </summary>
public static class ContentApi
{
    public const int PageSize = 20;

    public sealed record ItemSummary(int Id, string Type, string Slug, string Title, string? Summary, string? DocumentNumber,
        DateOnly DocumentDate, DateTimeOffset? PublishedAt, int? Round, string Url);
    public sealed record ItemPage(int Total, int Page, int PageSize, IReadOnlyList<ItemSummary> Items);
    public sealed record PublicItem(ItemSummary Item, string Body, string Publisher, IReadOnlyList<SiteAttachment> Attachments,
        DateOnly? OpensOn, DateOnly? ClosesOn, string? Form, DateTimeOffset UpdatedAt);
    public sealed record Created(int Id, string Message);
    public sealed record Changed(int Id, string Message, string Status, int? Version, RequestDto? Request);
    public sealed record RequestDto(int Id, int ItemId, string Action, string State, DateTimeOffset? At, string RequestedBy, DateTimeOffset RequestedAt,
        string? ApprovedBy, string? Outcome, string? ItemTitle);
    public sealed record TimeRequest(DateTimeOffset? At);
    public sealed record ReasonRequest(string? Reason);
    public sealed record ApprovalSetting(bool RequireApproval);
    public sealed record EditorItem(int Id, string Type, string Status, string Slug, string Title, int? Version, DateTimeOffset? PublishedAt,
        DateTimeOffset? WithdrawnAt, ContentDocument? Draft, int? DraftId, ContentDocument? Published, IReadOnlyList<RequestDto> Pending, string Url);
    public sealed record EditorRow(int Id, string Type, string Status, string Slug, string Title, int? Version, bool HasDraft,
        DateTimeOffset UpdatedAt, string? Pending, string Url);
    public sealed record RenderRequest(string? Body);
    public sealed record Rendered(string Html);
    public sealed record EditorPage(int Total, int Page, int PageSize, IReadOnlyList<EditorRow> Items);

    public static void MapContentApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/content").WithTags("网站内容").AllowAnonymous();
        open.MapGet("/", ListPublished).WithName("ListPublishedContent").WithSummary("已发布内容列表")
            .WithDescription("按类型（type=notice|publicity|list|page）分页列出网站上已发布且未撤下的内容，新文件在前，每页 20 条，page 从 1 开始；可匿名访问。类型不存在时答 400。");
        open.MapGet("/{slug}", GetPublished).WithName("GetPublishedContent").WithSummary("读取已发布内容")
            .WithDescription("按网址名读取一条已发布的内容，含正文、附件和公示起止日期；可匿名访问。没有该内容答 404，已撤下的答 410。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        var staff = app.MapGroup("/api/content").WithTags("网站内容编辑").RequireAuthorization(Policies.Publisher);
        staff.MapGet("/items", ListForEditors).WithName("ListContentItems").WithSummary("编辑看到的内容列表")
            .WithDescription("列出全部网站内容（含草稿和已撤下的），可按类型、状态（published|withdrawn|draft）和关键词筛选，最近修改的在前，每页 20 条；须有发布权限。");
        staff.MapGet("/items/{id:int}", GetForEditor).WithName("GetContentItem").WithSummary("读取一条内容的编辑信息")
            .WithDescription("返回一条内容的草稿、已发布版本和待审核或已安排的申请；须有发布权限。内容不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/", Create).WithName("CreateContentItem").WithSummary("新建内容草稿")
            .WithDescription("新建一条网站内容并保存为草稿，发布后才在网站上显示；须有发布权限。内容有误答 400（逐项说明），网址名已被使用答 409。")
            .ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/items/{id:int}", SaveDraft).WithName("SaveContentDraft").WithSummary("保存内容草稿")
            .WithDescription("修改一条内容的草稿，网站上仍显示已发布的版本，原有的发布申请作废；须有发布权限。内容有误答 400，内容不存在答 404，网址名冲突答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:int}/publish", Publish).WithName("PublishContentItem").WithSummary("发布内容草稿")
            .WithDescription("发布草稿：at 省略或为过去的时间即立即发布，否则按时发布；开启审核时改为提交审核。须有发布权限。内容不存在答 404，没有待发布的修改答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{id:int}/unpublish", Unpublish).WithName("UnpublishContentItem").WithSummary("撤下内容")
            .WithDescription("把内容从网站撤下：at 省略为立即撤下，否则按时撤下，原网址随后答“已撤下”。须有发布权限。内容不存在答 404，未在网站上发布答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/render", Render).WithName("RenderContentPreview").WithSummary("预览 Markdown 正文")
            .WithDescription("按网站的规则把 Markdown 正文转为安全的 HTML，供编辑时预览；须有发布权限。正文超长答 400。");
        staff.MapGet("/{id:int}/versions", Versions).WithName("ListContentVersions").WithSummary("内容的版本历史")
            .WithDescription("列出一条内容的全部版本，草稿在前，其后由新到旧，并标出网站上当前的版本；须有发布权限。内容不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/{id:int}/diff", Diff).WithName("CompareContentVersions").WithSummary("比较内容的两个版本")
            .WithDescription("列出一条内容第 from 版与第 to 版之间逐项的差异；须有发布权限。任一版本不存在答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/{id:int}/versions/{version:int}/restore", Restore).WithName("RestoreContentVersion").WithSummary("把旧版本恢复为草稿")
            .WithDescription("以一条内容的旧版本替换其草稿，发布后生效；须有发布权限。版本不存在答 404，网址名冲突答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/requests", Requests).WithName("ListContentRequests").WithSummary("待审核和已安排的申请")
            .WithDescription("列出待审核的发布申请和已安排时间的发布、撤下，待审核的在前，其余按时间排列；须有发布权限。");
        staff.MapPost("/requests/{requestId:int}/approve", Approve).WithName("ApproveContentRequest").WithSummary("审核通过发布申请")
            .WithDescription("审核通过另一名发布人提交的发布申请，随即或按申请的时间发布；须有发布权限。申请不存在或已处理答 404，审核自己的申请答 409。")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/requests/{requestId:int}/cancel", Cancel).WithName("CancelContentRequest").WithSummary("退回或取消申请")
            .WithDescription("退回他人的发布申请，或取消已安排的发布、撤下，可附理由；须有发布权限。理由超长答 400，申请不存在或已处理答 404。")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/settings", GetSettings).WithName("GetContentSettings").WithSummary("读取发布审核设置")
            .WithDescription("返回发布内容是否须经第二名发布人审核；须有发布权限。");
        app.MapPut("/api/content/settings", PutSettings).WithTags("网站内容编辑").RequireAuthorization(Policies.SysAdmin)
            .WithName("UpdateContentSettings").WithSummary("开启或关闭发布审核")
            .WithDescription("设置发布内容是否须经第二名发布人审核；仅系统管理员可调用。");
    }

    public static ItemSummary Summarise(SiteItem i) => new(i.Id, SiteSections.ForKind(i.Kind).Type, i.Slug, i.Title, i.Summary.Length > 0 ? i.Summary : null,
        i.DocumentNumber, i.DocumentDate, i.PublishedAt, i.RoundYear, SiteSections.UrlOf(i.Kind, i.Slug));

    /// <summary>Published items of one type, newest document first: the public lists and the API share this.</summary>
    public static async Task<ItemPage> PublishedPageAsync(LeadRunnerDb db, SiteItemKind? kind, int page, CancellationToken ct)
    {
        var query = db.SiteItems.AsNoTracking().Where(i => i.PublishedAt != null && i.WithdrawnAt == null);
        if (kind is { } k)
        {
            query = query.Where(i => i.Kind == k);
        }
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderByDescending(i => i.DocumentDate).ThenByDescending(i => i.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new ItemPage(total, page, PageSize, [.. items.Select(Summarise)]);
    }

    private static async Task<Results<Ok<ItemPage>, ValidationProblem>> ListPublished(string? type, int? page, LeadRunnerDb db, CancellationToken ct)
    {
        SiteItemKind? kind = null;
        if (!string.IsNullOrEmpty(type))
        {
            if (SiteSections.FindType(type) is not { } section)
            {
                return ApiProblems.Invalid("type", $"内容类型“{type}”不存在，可选：notice、publicity、list、page。");
            }
            kind = section.Kind;
        }
        return TypedResults.Ok(await PublishedPageAsync(db, kind, page ?? 1, ct));
    }

    private static async Task<Results<Ok<PublicItem>, ProblemHttpResult>> GetPublished(string slug, LeadRunnerDb db, CancellationToken ct)
    {
        var item = await db.SiteItems.AsNoTracking().FirstOrDefaultAsync(i => i.Slug == slug && i.PublishedAt != null, ct);
        if (item is null)
        {
            return ApiProblems.NotFound($"没有网址名为“{slug}”的已发布内容。");
        }
        if (item.WithdrawnAt is not null)
        {
            return TypedResults.Problem(title: "已撤下", detail: $"“{item.Title}”已从网站撤下。", statusCode: StatusCodes.Status410Gone);
        }
        return TypedResults.Ok(new PublicItem(Summarise(item), item.BodyMarkdown, item.Publisher, item.Attachments, item.OpensOn, item.ClosesOn,
            item.FormKey, item.UpdatedAt));
    }

    private static async Task<Ok<EditorPage>> ListForEditors(string? type, string? status, string? q, int? page, LeadRunnerDb db, CancellationToken ct) =>
        TypedResults.Ok(await EditorPageAsync(db, type, status, q, page ?? 1, ct));

    /// <summary>Every item as editors see it (drafts and withdrawn ones too), newest change first: the editors' page and the API share this.</summary>
    public static async Task<EditorPage> EditorPageAsync(LeadRunnerDb db, string? type, string? status, string? q, int page, CancellationToken ct)
    {
        var query = db.SiteItems.AsNoTracking();
        if (SiteSections.FindType(type ?? "") is { } section)
        {
            query = query.Where(i => i.Kind == section.Kind);
        }
        query = status switch
        {
            "published" => query.Where(i => i.PublishedAt != null && i.WithdrawnAt == null),
            "withdrawn" => query.Where(i => i.WithdrawnAt != null),
            "draft" => query.Where(i => i.Version == null),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(i => i.Title.Contains(term) || i.Slug.Contains(term));
        }
        var total = await query.CountAsync(ct);
        var number = Math.Max(1, page);
        var items = await query.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var keys = items.Select(i => SiteContent.Key(i.Id)).ToList();
        var drafts = await db.ArtifactVersions.AsNoTracking().Where(v => v.Kind == ContentKind.Kind && keys.Contains(v.Key) && v.State == VersionState.Draft)
            .Select(v => v.Key).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var pending = await db.ContentRequests.AsNoTracking()
            .Where(r => ids.Contains(r.SiteItemId) && (r.State == ContentRequestState.AwaitingApproval || r.State == ContentRequestState.Scheduled))
            .ToListAsync(ct);
        return new EditorPage(total, number, PageSize, [.. items.Select(i => new EditorRow(i.Id, SiteSections.ForKind(i.Kind).Type, Status(i), i.Slug, i.Title,
            i.Version, drafts.Contains(SiteContent.Key(i.Id)), i.UpdatedAt,
            pending.Where(r => r.SiteItemId == i.Id).OrderBy(r => r.Id).Select(ContentLabels.Pending).FirstOrDefault(),
            SiteSections.UrlOf(i.Kind, i.Slug)))]);
    }

    private static async Task<Results<Ok<EditorItem>, ProblemHttpResult>> GetForEditor(int id, LeadRunnerDb db, SiteContent content, ArtifactStore store, CancellationToken ct) =>
        await EditorItemAsync(id, db, content, store, ct) is { } item ? TypedResults.Ok(item) : ApiProblems.NotFound($"网站内容 {id} 不存在。");

    /// <summary>What the editor page and the API show of one item.</summary>
    public static async Task<EditorItem?> EditorItemAsync(int id, LeadRunnerDb db, SiteContent content, ArtifactStore store, CancellationToken ct)
    {
        var item = await db.SiteItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return null;
        }
        var draft = await content.DraftAsync(id, ct);
        var published = item.Version is { } v ? await store.VersionAsync(ContentKind.Kind, SiteContent.Key(id), v, ct) : null;
        var pending = await db.ContentRequests.AsNoTracking()
            .Where(r => r.SiteItemId == id && (r.State == ContentRequestState.AwaitingApproval || r.State == ContentRequestState.Scheduled))
            .OrderBy(r => r.Id).ToListAsync(ct);
        return new EditorItem(item.Id, SiteSections.ForKind(item.Kind).Type, Status(item), item.Slug, item.Title, item.Version, item.PublishedAt, item.WithdrawnAt,
            draft is null ? null : ContentDocument.Parse(draft.Content, out _), draft?.Id,
            published is null ? null : ContentDocument.Parse(published.Content, out _),
            [.. pending.Select(r => Dto(r, item.Title))], SiteSections.UrlOf(item.Kind, item.Slug));
    }

    private static async Task<Results<Created<Created>, ValidationProblem, ProblemHttpResult>> Create(ContentDocument request, SiteContent content, HttpContext http, CancellationToken ct) =>
        await content.CreateAsync(request, http.User.Identity!.Name!, ct) switch
        {
            SiteContent.Outcome.Done done => TypedResults.Created($"/api/content/items/{done.Item.Id}", new Created(done.Item.Id, done.Message)),
            SiteContent.Outcome.Invalid invalid => Invalid(invalid),
            var refused => Problem(refused),
        };

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> SaveDraft(int id, ContentDocument request, SiteContent content, HttpContext http, CancellationToken ct) =>
        Answer(await content.SaveDraftAsync(id, request, http.User.Identity!.Name!, null, ct));

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> Publish(int id, TimeRequest? request, SiteContent content, HttpContext http, CancellationToken ct) =>
        Answer(await content.PublishAsync(id, request?.At, http.User.Identity!.Name!, ct));

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> Unpublish(int id, TimeRequest? request, SiteContent content, HttpContext http, CancellationToken ct) =>
        Answer(await content.UnpublishAsync(id, request?.At, http.User.Identity!.Name!, ct));

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> Restore(int id, int version, SiteContent content, HttpContext http, CancellationToken ct) =>
        Answer(await content.RestoreAsync(id, version, http.User.Identity!.Name!, ct));

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> Approve(int requestId, SiteContent content, HttpContext http, CancellationToken ct) =>
        Answer(await content.ApproveAsync(requestId, http.User.Identity!.Name!, ct));

    private static async Task<Results<Ok<Changed>, ValidationProblem, ProblemHttpResult>> Cancel(int requestId, ReasonRequest? request, SiteContent content, HttpContext http, TextLimits limits, CancellationToken ct) =>
        limits.Note("reason", request?.Reason) is { } tooLong ? ApiProblems.Invalid("reason", tooLong)
        : Answer(await content.CancelAsync(requestId, http.User.Identity!.Name!, request?.Reason, ct));

    private static async Task<Results<Ok<List<VersionsApi.VersionDto>>, ProblemHttpResult>> Versions(int id, LeadRunnerDb db, CancellationToken ct) =>
        await VersionsAsync(id, db, ct) is { } versions ? TypedResults.Ok(versions) : ApiProblems.NotFound($"网站内容 {id} 不存在。");

    /// <summary>An item's versions, its draft first, then newest first; null when there is no such item. The versions page and the API share this.</summary>
    public static async Task<List<VersionsApi.VersionDto>?> VersionsAsync(int id, LeadRunnerDb db, CancellationToken ct)
    {
        if (!await db.SiteItems.AnyAsync(i => i.Id == id, ct))
        {
            return null;
        }
        var versions = await db.ArtifactVersions.AsNoTracking().Of(ContentKind.Kind, SiteContent.Key(id))
            .OrderByDescending(v => v.Version == null).ThenByDescending(v => v.Version).ToListAsync(ct);
        var current = await db.SiteItems.Where(i => i.Id == id).Select(i => i.Version).FirstAsync(ct);
        return [.. versions.Select(v => new VersionsApi.VersionDto(v.Id, v.Version, VersionsApi.StateName(v.State), v.Title, v.CreatedAt, v.CreatedBy,
            v.PublishedAt, v.PublishedBy, v.Note, v.BasedOnVersion, v.Version == current))];
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionChange>>, ProblemHttpResult>> Diff(int id, int from, int to, ArtifactStore store, CancellationToken ct) =>
        await store.CompareAsync(ContentKind.Kind, SiteContent.Key(id), from, to, ct) is { } changes
            ? TypedResults.Ok(changes)
            : ApiProblems.NotFound($"网站内容 {id} 没有第 {from} 版或第 {to} 版。");

    private static async Task<Ok<List<RequestDto>>> Requests(LeadRunnerDb db, CancellationToken ct) => TypedResults.Ok(await RequestsAsync(db, ct));

    /// <summary>Publishes awaiting approval, then scheduled changes by time: the editors' queue and the API share this.</summary>
    public static async Task<List<RequestDto>> RequestsAsync(LeadRunnerDb db, CancellationToken ct)
    {
        var pending = await db.ContentRequests.AsNoTracking()
            .Where(r => r.State == ContentRequestState.AwaitingApproval || r.State == ContentRequestState.Scheduled)
            .Join(db.SiteItems, r => r.SiteItemId, i => i.Id, (r, i) => new { r, i.Title }).ToListAsync(ct);
        return [.. pending.OrderBy(p => p.r.State).ThenBy(p => p.r.At).Select(p => Dto(p.r, p.Title))];
    }

    // The editor's live preview goes through the public renderer, so what it shows is what the site will show.
    private static Results<Ok<Rendered>, ValidationProblem> Render(RenderRequest request, MarkdownRenderer markdown) =>
        request.Body is { Length: > ContentKind.BodyMaxLength } body
            ? ApiProblems.Invalid("body", $"正文不能超过 {ContentKind.BodyMaxLength} 个字符（现有 {body.Length} 个）。")
            : TypedResults.Ok(new Rendered(markdown.Render(request.Body ?? "").ToString()!));

    private static async Task<Ok<ApprovalSetting>> GetSettings(SiteContent content, CancellationToken ct) =>
        TypedResults.Ok(new ApprovalSetting(await content.RequiresApprovalAsync(ct)));

    private static async Task<Ok<ApprovalSetting>> PutSettings(ApprovalSetting request, SiteContent content, CancellationToken ct)
    {
        await content.SetApprovalAsync(request.RequireApproval, ct);
        return TypedResults.Ok(request);
    }

    public static RequestDto Dto(ContentRequest r, string? title) => new(r.Id, r.SiteItemId, r.Action == ContentAction.Publish ? "publish" : "unpublish",
        r.State switch
        {
            ContentRequestState.AwaitingApproval => "awaitingApproval", ContentRequestState.Scheduled => "scheduled",
            ContentRequestState.Done => "done", ContentRequestState.Cancelled => "cancelled", _ => "failed",
        }, r.At, r.RequestedBy, r.RequestedAt, r.ApprovedBy, r.Outcome, title);

    public static string Status(SiteItem item) => item.WithdrawnAt is not null ? "withdrawn" : item.PublishedAt is not null ? "published" : "draft";

    private static Results<Ok<Changed>, ValidationProblem, ProblemHttpResult> Answer(SiteContent.Outcome outcome) => outcome switch
    {
        SiteContent.Outcome.Done done => TypedResults.Ok(new Changed(done.Item.Id, done.Message, Status(done.Item), done.Item.Version,
            done.Request is null ? null : Dto(done.Request, done.Item.Title))),
        SiteContent.Outcome.Invalid invalid => Invalid(invalid),
        var refused => Problem(refused),
    };

    private static ValidationProblem Invalid(SiteContent.Outcome.Invalid invalid) =>
        ApiProblems.Invalid(invalid.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    private static ProblemHttpResult Problem(SiteContent.Outcome outcome) => outcome switch
    {
        SiteContent.Outcome.NotFound missing => ApiProblems.NotFound(missing.Message),
        SiteContent.Outcome.Conflict conflict => ApiProblems.Conflict(conflict.Message),
        _ => throw new InvalidOperationException("Not a refusal."),
    };
}
