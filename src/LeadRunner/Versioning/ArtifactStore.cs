using LeadRunner.Audit;
using LeadRunner.Data;
using LeadRunner.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Versioning;

/// <summary>
/// The one lifecycle of every versioned artifact: drafts, publishing (a new immutable number), rollback (an old
/// content published again), retraction, comparison and audit. Each kind plugs in its checks and what publishing it
/// sets going (<see cref="ArtifactKind"/>); a change is checked first and written whole or not at all.
/// </summary>
public sealed class ArtifactStore(LeadRunnerDb db, IEnumerable<ArtifactKind> kinds, AuditLog audit, TimeProvider clock, TextLimits limits,
    WriteTransactions writes)
{
    private readonly Dictionary<string, ArtifactKind> _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public ArtifactKind? Find(string kind) => _kinds.GetValueOrDefault(kind);

    public ArtifactKind Kind(string kind) => Find(kind) ?? throw new ArgumentException($"Unknown artifact kind {kind}.", nameof(kind));

    public IQueryable<ArtifactVersion> Versions(string kind, string key) =>
        db.ArtifactVersions.Where(v => v.Kind == kind && v.Key == key);

    /// <summary>The newest published (not retracted) version, what new work starts on.</summary>
    public Task<ArtifactVersion?> CurrentAsync(string kind, string key, CancellationToken ct = default) =>
        Versions(kind, key).NewestPublished().FirstOrDefaultAsync(ct);

    public Task<ArtifactVersion?> VersionAsync(string kind, string key, int version, CancellationToken ct = default) =>
        Versions(kind, key).FirstOrDefaultAsync(v => v.Version == version, ct);

    /// <summary>Saves a draft: <paramref name="draftId"/>'s content replaced, or a new draft based on the current version.</summary>
    public async Task<VersionOutcome> SaveDraftAsync(string kind, string key, string content, string user, string? note, int? draftId = null, CancellationToken ct = default)
    {
        if (limits.Note("note", note) is { } tooLong)
        {
            return new VersionOutcome.Invalid([ValidationError.At("note", tooLong)]);
        }
        var type = Kind(kind);
        var check = await type.CheckAsync(key, content, ct);
        if (!check.Valid)
        {
            return new VersionOutcome.Invalid(check.Errors);
        }
        if (UncleanTitle(check.Title) is { } unclean)
        {
            return unclean;
        }
        ArtifactVersion? draft;
        if (draftId is { } id)
        {
            draft = await Versions(kind, key).FirstOrDefaultAsync(v => v.Id == id && v.State == VersionState.Draft, ct);
            if (draft is null)
            {
                return new VersionOutcome.NotFound($"草稿 {id} 不存在或已发布。");
            }
            draft.Content = check.Content!;
            draft.Title = check.Title!;
            draft.Note = Trim(note) ?? draft.Note;
        }
        else
        {
            draft = new ArtifactVersion
            {
                Kind = kind, Key = key, State = VersionState.Draft, Title = check.Title!, Content = check.Content!,
                CreatedAt = clock.GetUtcNow(), CreatedBy = user, Note = Trim(note),
                BasedOnVersion = (await CurrentAsync(kind, key, ct))?.Version,
            };
            db.ArtifactVersions.Add(draft);
        }
        audit.Record(type.AuditAction(VersionOperation.Draft, null, draft), Subject(type, draft), reason: Trim(note), kind: type.AuditKind);
        await db.SaveChangesAsync(ct);
        return new VersionOutcome.Saved(draft);
    }

    /// <summary>Publishes a draft as the next version, checked again as it stands now.</summary>
    public async Task<VersionOutcome> PublishDraftAsync(string kind, string key, int draftId, string user, string? note, PublishOptions? options = null, CancellationToken ct = default)
    {
        if (limits.Note("note", note) is { } tooLong)
        {
            return new VersionOutcome.Invalid([ValidationError.At("note", tooLong)]);
        }
        var type = Kind(kind);
        var draft = await Versions(kind, key).FirstOrDefaultAsync(v => v.Id == draftId && v.State == VersionState.Draft, ct);
        if (draft is null)
        {
            return new VersionOutcome.NotFound($"{type.Noun}“{key}”没有编号为 {draftId} 的草稿，或已发布。");
        }
        if (type.NoteRequired && string.IsNullOrWhiteSpace(note))
        {
            return new VersionOutcome.Invalid([ValidationError.At("note", "请填写发布说明（为什么修改）。")]);
        }
        return await PublishCheckedAsync(type, draft, draft.Content, user, Trim(note) ?? draft.Note, VersionOperation.Publish, options ?? PublishOptions.Default, ct);
    }

    /// <summary>
    /// Publishes <paramref name="content"/> as the next version at once (an edit saved live, a file, an import). The
    /// same content as the current version makes no new version.
    /// </summary>
    public async Task<VersionOutcome> PublishAsync(string kind, string key, string content, string user, string? note,
        PublishOptions? options = null, VersionOperation operation = VersionOperation.Publish, int? basedOn = null, CancellationToken ct = default)
    {
        if (limits.Note("note", note) is { } tooLong)
        {
            return new VersionOutcome.Invalid([ValidationError.At("note", tooLong)]);
        }
        var type = Kind(kind);
        var current = await CurrentAsync(kind, key, ct);
        var version = new ArtifactVersion
        {
            Kind = kind, Key = key, State = VersionState.Draft, Title = "", Content = content,
            CreatedAt = clock.GetUtcNow(), CreatedBy = user, Note = Trim(note), BasedOnVersion = basedOn ?? current?.Version,
        };
        return await PublishCheckedAsync(type, version, content, user, version.Note, operation, options ?? PublishOptions.Default, ct, current);
    }

    /// <summary>Publishes an old version's content again as a new version, checked as it would be today; history stays intact.</summary>
    public async Task<VersionOutcome> RollbackAsync(string kind, string key, int version, string user, string? note, CancellationToken ct = default)
    {
        if (limits.Note("note", note) is { } tooLong)
        {
            return new VersionOutcome.Invalid([ValidationError.At("note", tooLong)]);
        }
        var type = Kind(kind);
        var old = await Versions(kind, key).AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, ct);
        if (old is null)
        {
            return new VersionOutcome.NotFound($"{type.Noun}“{key}”没有第 {version} 版。");
        }
        if ((await CurrentAsync(kind, key, ct))?.Version == version)
        {
            return new VersionOutcome.Conflict($"第 {version} 版已是当前版本。");
        }
        var why = string.IsNullOrWhiteSpace(note) ? $"回滚到第 {version} 版" : $"回滚到第 {version} 版：{note.Trim()}";
        return await PublishAsync(kind, key, old.Content, user, why, operation: VersionOperation.Rollback, basedOn: version, ct: ct);
    }

    /// <summary>Withdraws a published version: nothing new starts on it; what runs on it keeps running.</summary>
    public async Task<VersionOutcome> RetractAsync(string kind, string key, int version, string user, string? note, CancellationToken ct = default)
    {
        if (limits.Note("note", note) is { } tooLong)
        {
            return new VersionOutcome.Invalid([ValidationError.At("note", tooLong)]);
        }
        var type = Kind(kind);
        var published = await Versions(kind, key).FirstOrDefaultAsync(v => v.Version == version && v.State == VersionState.Published, ct);
        if (published is null)
        {
            return new VersionOutcome.NotFound($"{type.Noun}“{key}”没有已发布的第 {version} 版。");
        }
        published.State = VersionState.Retracted;
        published.RetractedAt = clock.GetUtcNow();
        published.RetractedBy = user;
        published.RetractNote = Trim(note);
        audit.Record(type.AuditAction(VersionOperation.Retract, null, published), Subject(type, published), reason: Trim(note), kind: type.AuditKind);
        await db.SaveChangesAsync(ct);
        type.Published(published);
        return new VersionOutcome.Saved(published);
    }

    /// <summary>The changes from one version to another, or null when either does not exist.</summary>
    public async Task<IReadOnlyList<VersionChange>?> CompareAsync(string kind, string key, int from, int to, CancellationToken ct = default)
    {
        var pair = await Versions(kind, key).AsNoTracking().Where(v => v.Version == from || v.Version == to)
            .ToDictionaryAsync(v => v.Version!.Value, v => v.Content, ct);
        return pair.TryGetValue(from, out var before) && pair.TryGetValue(to, out var after) ? Kind(kind).Compare(before, after) : null;
    }

    private async Task<VersionOutcome> PublishCheckedAsync(ArtifactKind type, ArtifactVersion version, string content, string user, string? note,
        VersionOperation operation, PublishOptions options, CancellationToken ct, ArtifactVersion? current = null)
    {
        current ??= await CurrentAsync(type.Name, version.Key, ct);
        if (options.ExpectedCurrent is { } expected && expected != (current?.Version ?? 0))
        {
            return new VersionOutcome.Conflict($"{type.Noun}“{current?.Title ?? version.Key}”已被他人修改为第 {current?.Version} 版，请刷新后再保存。");
        }
        var check = await type.CheckAsync(version.Key, content, ct);
        if (!check.Valid)
        {
            return new VersionOutcome.Invalid(check.Errors);
        }
        if (UncleanTitle(check.Title) is { } unclean)
        {
            return unclean;
        }
        if (version.Id == 0 && current is not null && current.Content == check.Content)
        {
            return new VersionOutcome.Saved(current, Unchanged: true);
        }
        if (await type.RefuseAsync(version.Key, check.Content!, options, ct) is { } refusal)
        {
            return refusal;
        }

        // Inside a caller's transaction (a round import, settings generating rules) the publish joins it and a lost race
        // goes to that caller; otherwise it is a write transaction of its own, taking the write lock first.
        var owns = db.Database.CurrentTransaction is null;
        var outcome = await writes.RunAsync<VersionOutcome>(async () =>
        {
            var number = (await db.ArtifactVersions.Where(v => v.Kind == type.Name && v.Key == version.Key).MaxAsync(v => v.Version, ct) ?? 0) + 1;
            version.Version = number;
            version.State = VersionState.Published;
            version.Title = check.Title!;
            version.Content = type.Stamp(check.Content!, number);
            version.PublishedAt = clock.GetUtcNow();
            version.PublishedBy = user;
            version.Note = note;
            if (version.Id == 0)
            {
                db.ArtifactVersions.Add(version);
            }
            audit.Record(type.AuditAction(operation, current, version), Subject(type, version), reason: note, kind: type.AuditKind);
            try
            {
                await db.SaveChangesAsync(ct);
                var effects = await type.PublishingAsync(version, new PublishContext(this, options, user), ct);
                await db.SaveChangesAsync(ct);
                return new VersionOutcome.Saved(version) { Effects = effects };
            }
            catch (DbUpdateException ex) when (owns && !DatabaseErrors.IsBusy(ex))
            {
                // The number is unique per artifact: someone else published in between.
                return new VersionOutcome.Conflict($"{type.Noun}“{version.Title}”刚被他人修改，请刷新后重新编辑。");
            }
        }, o => o is VersionOutcome.Saved, m => new VersionOutcome.Conflict(m));
        if (outcome is VersionOutcome.Saved)
        {
            type.Published(version);
        }
        return outcome;
    }

    private static string Subject(ArtifactKind type, ArtifactVersion version) =>
        version.Version is { } number ? $"{version.Title}（{version.Key}，第 {number} 版）" : $"{version.Title}（{version.Key}，草稿）";

    // Titles are shown in lists, journals and documents: no hidden or reordering characters.
    private VersionOutcome.Invalid? UncleanTitle(string? title) =>
        TextHygiene.CheckName("title", "标题", title, out _, limits.NameMaxLength) is { } error
            ? new VersionOutcome.Invalid([ValidationError.At("$.title", error)])
            : null;

    private static string? Trim(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
