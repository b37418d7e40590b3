using System.Text.Json.Nodes;
using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Rounds;
using LeadRunner.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Versions;

/// <summary>
/// The lifecycle of definitions: drafts, publish (a new immutable version), retract, rollback, import and export.
/// Every change is validated first and recorded with who, when and why.
/// </summary>
public sealed class WorkflowStore(LeadRunnerDb db, DefinitionValidator validator, DefinitionCache definitions, WorkflowEngine engine, AuditLog audit, TimeProvider clock, RoundDirectory rounds)
{
    public abstract record Outcome
    {
        public sealed record Saved(WorkflowVersion Version) : Outcome;
        public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Blocked(string Message, IReadOnlyList<StepImpact> Steps) : Outcome;
    }

    /// <summary>How many running instances sit in a step, and whether the new version still has that step.</summary>
    public sealed record StepImpact(string StepId, string StepTitle, int Version, int Instances, bool ExistsInNew, string? MappedTo);

    public async Task<IReadOnlySet<string>> KnownIdsAsync() =>
        (await db.WorkflowVersions.Select(v => v.DefinitionId).Distinct().ToListAsync()).ToHashSet();

    public async Task<Outcome> SaveDraftAsync(string id, string json, int? draftId, string user, string? note)
    {
        var known = await KnownIdsAsync();
        var result = validator.Validate(json, known.Append(id).ToHashSet());
        if (!result.Valid)
        {
            return new Outcome.Invalid(result.Errors);
        }
        if (result.Definition!.Id != id)
        {
            return new Outcome.Invalid([new ValidationError("$.id", 1, 1, $"定义中的标识“{result.Definition.Id}”与地址中的“{id}”不一致")]);
        }
        WorkflowVersion? draft;
        if (draftId is { } existing)
        {
            draft = await db.WorkflowVersions.FirstOrDefaultAsync(v => v.Id == existing && v.DefinitionId == id && v.State == VersionState.Draft);
            if (draft is null)
            {
                return new Outcome.NotFound($"草稿 {existing} 不存在或已发布。");
            }
            draft.Json = json;
            draft.Title = result.Definition.Title;
            draft.Note = note ?? draft.Note;
        }
        else
        {
            draft = new WorkflowVersion
            {
                DefinitionId = id, State = VersionState.Draft, Title = result.Definition.Title, Json = json,
                CreatedAt = clock.GetUtcNow(), CreatedBy = user, Note = note,
                BasedOnVersion = await DefinitionCache.CurrentVersionAsync(db, id),
            };
            db.WorkflowVersions.Add(draft);
        }
        await db.SaveChangesAsync();
        return new Outcome.Saved(draft);
    }

    /// <summary>Running instances of the definition per step, against a candidate new definition.</summary>
    public async Task<IReadOnlyList<StepImpact>> PreviewAsync(string id, WorkflowDefinition candidate, IReadOnlyDictionary<string, string>? mapping = null, int? roundYear = null)
    {
        var counts = await db.WorkflowInstances.IgnoreQueryFilters().Movable(rounds, roundYear)
            .Where(i => i.DefinitionId == id && i.Status == InstanceStatus.Running)
            .GroupBy(i => new { i.Version, i.CurrentStep })
            .Select(g => new { g.Key.Version, g.Key.CurrentStep, Count = g.Count() })
            .ToListAsync();
        var impacts = new List<StepImpact>();
        foreach (var c in counts.OrderBy(c => c.Version).ThenBy(c => c.CurrentStep, StringComparer.Ordinal))
        {
            var old = await definitions.GetAsync(db, id, c.Version);
            var mapped = mapping?.GetValueOrDefault(c.CurrentStep);
            impacts.Add(new StepImpact(c.CurrentStep, old?.Step(c.CurrentStep)?.Title ?? c.CurrentStep, c.Version, c.Count,
                candidate.Step(c.CurrentStep) is not null, mapped));
        }
        return impacts;
    }

    public async Task<Outcome> PublishAsync(string id, int draftId, string user, string? note, bool migrate, IReadOnlyDictionary<string, string>? mapping)
    {
        var draft = await db.WorkflowVersions.FirstOrDefaultAsync(v => v.Id == draftId && v.DefinitionId == id && v.State == VersionState.Draft);
        if (draft is null)
        {
            return new Outcome.NotFound($"草稿 {draftId} 不存在或已发布。");
        }
        return await PublishJsonAsync(id, draft, draft.Json, user, note, migrate, mapping);
    }

    /// <summary>Rollback publishes an old version's content again, as a new version.</summary>
    public async Task<Outcome> RollbackAsync(string id, int version, string user, string? note)
    {
        var old = await db.WorkflowVersions.FirstOrDefaultAsync(v => v.DefinitionId == id && v.Version == version);
        if (old is null)
        {
            return new Outcome.NotFound($"流程“{id}”没有版本 {version}。");
        }
        var draft = new WorkflowVersion
        {
            DefinitionId = id, State = VersionState.Draft, Title = old.Title, Json = old.Json,
            CreatedAt = clock.GetUtcNow(), CreatedBy = user, BasedOnVersion = version,
        };
        db.WorkflowVersions.Add(draft);
        return await PublishJsonAsync(id, draft, old.Json, user, note ?? $"回滚到版本 {version}", migrate: false, mapping: null);
    }

    public async Task<Outcome> RetractAsync(string id, int version, string user, string? note)
    {
        var published = await db.WorkflowVersions.FirstOrDefaultAsync(v => v.DefinitionId == id && v.Version == version && v.State == VersionState.Published);
        if (published is null)
        {
            return new Outcome.NotFound($"流程“{id}”没有已发布的版本 {version}。");
        }
        published.State = VersionState.Retracted;
        published.RetractedAt = clock.GetUtcNow();
        published.RetractedBy = user;
        published.RetractNote = note;
        audit.Record("撤回流程版本", $"{published.Title}（{id} v{version}）", reason: note);
        await db.SaveChangesAsync();
        return new Outcome.Saved(published);
    }

    private async Task<Outcome> PublishJsonAsync(string id, WorkflowVersion draft, string json, string user, string? note, bool migrate, IReadOnlyDictionary<string, string>? mapping)
    {
        var result = validator.Validate(json, await KnownIdsAsync());
        if (!result.Valid)
        {
            return new Outcome.Invalid(result.Errors);
        }
        var definition = result.Definition!;
        var impacts = await PreviewAsync(id, definition, mapping);
        if (migrate)
        {
            var unmapped = impacts.Where(i => !i.ExistsInNew && (i.MappedTo is null || definition.Step(i.MappedTo) is null)).ToList();
            if (unmapped.Count > 0)
            {
                var names = string.Join("、", unmapped.Select(u => $"“{u.StepTitle}”（{u.Instances} 个实例）"));
                return new Outcome.Blocked($"新版本删除或改名了仍有实例所在的步骤：{names}。请为这些步骤指定新版本中的对应步骤后再发布。", unmapped);
            }
        }

        // Inside a caller's transaction (a round import) the publish is part of it, committed or undone with the rest.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var number = (await db.WorkflowVersions.Where(v => v.DefinitionId == id).MaxAsync(v => v.Version) ?? 0) + 1;
        var stamped = JsonNode.Parse(json)!.AsObject();
        stamped["version"] = number;
        draft.Json = stamped.ToJsonString(DefinitionJson.Options);
        draft.Version = number;
        draft.State = VersionState.Published;
        draft.Title = definition.Title;
        draft.PublishedAt = clock.GetUtcNow();
        draft.PublishedBy = user;
        draft.Note = note ?? draft.Note;
        audit.Record("发布流程版本", $"{definition.Title}（{id} v{number}）", reason: note);
        await db.SaveChangesAsync();
        if (migrate)
        {
            await engine.MigrateWithinAsync(id, number, definition with { Version = number }, mapping ?? new Dictionary<string, string>());
            await db.SaveChangesAsync();
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        return new Outcome.Saved(draft);
    }

    /// <summary>
    /// Checks definitions brought together (a round bundle): they may start one another, so every id among them
    /// counts as known besides those already stored.
    /// </summary>
    public async Task<IReadOnlyList<DefinitionValidator.Result>> CheckImportedAsync(IReadOnlyList<string> definitions)
    {
        var known = (await KnownIdsAsync()).Concat(definitions.Select(IdOf).OfType<string>()).ToHashSet();
        return [.. definitions.Select(json => validator.Validate(json, known))];
    }

    /// <summary>
    /// Publishes definitions brought together as new versions: all are saved as drafts first, so that their ids are
    /// known when each is published. Nothing is saved when any of them is invalid.
    /// </summary>
    public async Task<IReadOnlyList<Outcome>> PublishImportedAsync(IReadOnlyList<string> definitions, string user, string note)
    {
        var results = await CheckImportedAsync(definitions);
        if (results.Any(r => !r.Valid))
        {
            return [.. results.Select(r => r.Valid ? (Outcome)new Outcome.NotFound("未发布：同批导入的其他流程有误。") : new Outcome.Invalid(r.Errors))];
        }
        var drafts = new List<WorkflowVersion>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var id = results[i].Definition!.Id;
            drafts.Add(new WorkflowVersion
            {
                DefinitionId = id, State = VersionState.Draft, Title = results[i].Definition!.Title, Json = definitions[i],
                CreatedAt = clock.GetUtcNow(), CreatedBy = user, Note = note, BasedOnVersion = await DefinitionCache.CurrentVersionAsync(db, id),
            });
        }
        db.WorkflowVersions.AddRange(drafts);
        await db.SaveChangesAsync();
        var outcomes = new List<Outcome>();
        for (var i = 0; i < drafts.Count; i++)
        {
            outcomes.Add(await PublishJsonAsync(drafts[i].DefinitionId, drafts[i], definitions[i], user, note, migrate: false, mapping: null));
        }
        return outcomes;
    }

    private static string? IdOf(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Loads workflows/*.workflow.json at start: a definition the database has never seen is published as is.</summary>
    public async Task<IReadOnlyList<string>> LoadFilesAsync(string folder, ILogger logger)
    {
        var loaded = new List<string>();
        var known = await KnownIdsAsync();
        foreach (var file in Directory.EnumerateFiles(folder, "*.workflow.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file);
            var result = validator.Validate(json);
            if (!result.Valid)
            {
                logger.LogError("流程定义文件 {File} 有误，未加载：{Errors}", file, string.Join("；", result.Errors));
                continue;
            }
            if (known.Contains(result.Definition!.Id))
            {
                continue;
            }
            var draft = new WorkflowVersion
            {
                DefinitionId = result.Definition.Id, State = VersionState.Draft, Title = result.Definition.Title, Json = json,
                CreatedAt = clock.GetUtcNow(), CreatedBy = "系统", Note = $"从 {Path.GetFileName(file)} 导入",
            };
            db.WorkflowVersions.Add(draft);
            await PublishJsonAsync(result.Definition.Id, draft, json, "系统", draft.Note, migrate: false, mapping: null);
            loaded.Add(result.Definition.Id);
        }
        return loaded;
    }
}
