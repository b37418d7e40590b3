using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Rounds;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;
using LeadRunner.Workflow.Runtime.Engine;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Workflow.Versions;

/// <summary>
/// Workflow definitions as versioned artifacts: checked by the definition validator (a definition may start only
/// workflows that exist), stamped with their number, and — when asked — running cases of draft rounds moved onto a
/// new version, refused while a step that still has cases would be lost.
/// </summary>
public sealed class WorkflowKind(LeadRunnerDb db, DefinitionValidator validator, DefinitionCache definitions, MigrateCases migrateCases, RoundDirectory rounds) : ArtifactKind
{
    public const string Kind = "workflow";

    // Definitions brought together (a round bundle) may start one another: their ids count as known while they are published.
    private IReadOnlySet<string> _batch = new HashSet<string>();

    public override string Name => Kind;
    public override string Noun => "流程";

    public override string FileName(string key, int version) => $"{key}.v{version}.workflow.json";

    /// <summary>How many running instances sit in a step, and whether the new version still has that step.</summary>
    public sealed record StepImpact(string StepId, string StepTitle, int Version, int Instances, bool ExistsInNew, string? MappedTo);

    public async Task<IReadOnlySet<string>> KnownIdsAsync() =>
        (await db.ArtifactVersions.Where(v => v.Kind == Kind).Select(v => v.Key).Distinct().ToListAsync()).Concat(_batch).ToHashSet();

    public override async Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct)
    {
        var result = validator.Validate(content, (await KnownIdsAsync()).Append(key).ToHashSet());
        if (!result.Valid)
        {
            return ArtifactCheck.Failed(result.Errors);
        }
        return result.Definition!.Id != key
            ? ArtifactCheck.Failed([new ValidationError("$.id", 1, 1, $"定义中的标识“{result.Definition.Id}”与地址中的“{key}”不一致")])
            : ArtifactCheck.Ok(content, result.Definition.Title);
    }

    public override string Stamp(string content, int number)
    {
        var stamped = JsonNode.Parse(content)!.AsObject();
        stamped["version"] = number;
        return stamped.ToJsonString(DefinitionJson.Options);
    }

    public override async Task<VersionOutcome?> RefuseAsync(string key, string content, PublishOptions options, CancellationToken ct)
    {
        if (!options.Migrate)
        {
            return null;
        }
        var definition = DefinitionJson.Read(content);
        var unmapped = (await PreviewAsync(key, definition, options.StepMapping))
            .Where(i => !i.ExistsInNew && (i.MappedTo is null || definition.Step(i.MappedTo) is null)).ToList();
        if (unmapped.Count == 0)
        {
            return null;
        }
        var names = string.Join("、", unmapped.Select(u => $"“{u.StepTitle}”（{u.Instances} 个实例）"));
        return new VersionOutcome.Conflict($"新版本删除或改名了仍有实例所在的步骤：{names}。请为这些步骤指定新版本中的对应步骤后再发布。") { Detail = unmapped };
    }

    public override async Task<PublishEffects> PublishingAsync(ArtifactVersion version, PublishContext context, CancellationToken ct)
    {
        if (context.Options.Migrate)
        {
            var definition = DefinitionJson.Read(version.Content);
            await migrateCases.MigrateWithinAsync(version.Key, version.Version!.Value, definition, context.Options.StepMapping ?? new Dictionary<string, string>());
        }
        return PublishEffects.None;
    }

    public override IReadOnlyList<VersionChange> Compare(string before, string after) =>
        [.. DefinitionDiff.Compare(DefinitionJson.Read(before), DefinitionJson.Read(after))
            .Select(c => new VersionChange(c.Kind switch { "added" => JsonChanges.Added, "removed" => JsonChanges.Removed, _ => JsonChanges.Changed }, $"{c.Item} {c.Id}", null, c.Description))];

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

    /// <summary>Checks definitions brought together (a round bundle), each knowing the others' ids.</summary>
    public async Task<IReadOnlyList<DefinitionValidator.Result>> CheckImportedAsync(IReadOnlyList<string> contents)
    {
        var known = (await KnownIdsAsync()).Concat(contents.Select(IdOf).OfType<string>()).ToHashSet();
        return [.. contents.Select(json => validator.Validate(json, known))];
    }

    /// <summary>Publishes definitions brought together as new versions; nothing is published when any of them is invalid.</summary>
    public async Task<IReadOnlyList<VersionOutcome>> PublishImportedAsync(ArtifactStore store, IReadOnlyList<string> contents, string user, string note,
        IReadOnlyList<string>? notes = null)
    {
        var results = await CheckImportedAsync(contents);
        if (results.Any(r => !r.Valid))
        {
            return [.. results.Select(r => r.Valid ? (VersionOutcome)new VersionOutcome.NotFound("未发布：同批导入的其他流程有误。") : new VersionOutcome.Invalid(r.Errors))];
        }
        _batch = results.Select(r => r.Definition!.Id).ToHashSet();
        try
        {
            var outcomes = new List<VersionOutcome>();
            for (var i = 0; i < contents.Count; i++)
            {
                outcomes.Add(await store.PublishAsync(Kind, results[i].Definition!.Id, contents[i], user, notes?[i] ?? note, operation: VersionOperation.Import));
            }
            return outcomes;
        }
        finally
        {
            _batch = new HashSet<string>();
        }
    }

    public static string? IdOf(string json)
    {
        try
        {
            // An array or a bare value is not a definition (their indexers throw on a property name).
            return JsonNode.Parse(json) is JsonObject root && root["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Loads workflows/*.workflow.json at start: a definition the database has never seen is published as is.</summary>
    public async Task<IReadOnlyList<string>> LoadFilesAsync(ArtifactStore store, string folder, ILogger logger)
    {
        var files = new List<(string Json, string Note)>();
        var known = await KnownIdsAsync();
        foreach (var file in Directory.EnumerateFiles(folder, "*.workflow.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file);
            if (IdOf(json) is { } id && !known.Contains(id))
            {
                files.Add((json, $"从 {Path.GetFileName(file)} 导入"));
            }
        }
        // Shipped definitions may start one another, so they are checked and published together; a wrong file is left out.
        var results = await CheckImportedAsync([.. files.Select(f => f.Json)]);
        foreach (var invalid in results.Where(r => !r.Valid))
        {
            logger.LogError("流程定义文件有误，未加载：{Errors}", string.Join("；", invalid.Errors));
        }
        var valid = files.Where((_, i) => results[i].Valid).ToList();
        var outcomes = await PublishImportedAsync(store, [.. valid.Select(f => f.Json)], "系统", "从 workflows/ 文件导入", [.. valid.Select(f => f.Note)]);
        return [.. outcomes.OfType<VersionOutcome.Saved>().Select(s => s.Version.Key)];
    }
}
