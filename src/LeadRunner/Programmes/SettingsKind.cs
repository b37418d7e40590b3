using System.Globalization;
using LeadRunner.Data;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Rounds;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Runtime;

namespace LeadRunner.Programmes;

/// <summary>
/// A year's settings (keyed by the year) as a versioned artifact. Publishing keeps the year's current copy
/// (<see cref="Programme"/>) in step, creates the year's draft round the first time, moves the round's deadlines and
/// gives each new special-condition category a rule — all in the publish's transaction. A list entry cases still
/// use cannot be removed.
/// </summary>
public sealed class SettingsKind(LeadRunnerDb db, ProgrammeValidator validator, ProgrammeSettings cache, RoundListUsage usage, CategoryRules categoryRules,
    RoundDirectory rounds, DeadlineReplanner replanner, TimeProvider clock) : ArtifactKind
{
    public const string Kind = "settings";

    public override string Name => Kind;
    public override string Noun => "年度批次设置";

    public override string FileName(string key, int version) => $"{key}.v{version}.settings.json";

    public override string AuditAction(VersionOperation operation, ArtifactVersion? before, ArtifactVersion after) =>
        operation == VersionOperation.Publish ? "保存年度批次设置" : base.AuditAction(operation, before, after);

    public static string KeyOf(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static int YearOf(string key) => int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture);

    public override Task<ArtifactCheck> CheckAsync(string key, string content, CancellationToken ct)
    {
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return Task.FromResult(ArtifactCheck.Failed("year", $"“{key}”不是年度。"));
        }
        var result = validator.Validate(content, year);
        return Task.FromResult(result.Valid
            ? ArtifactCheck.Ok(result.Settings!.ToJsonString(DefinitionJson.Options), result.Settings!["title"]!.GetValue<string>())
            : ArtifactCheck.Failed(result.Errors));
    }

    public override async Task<VersionOutcome?> RefuseAsync(string key, string content, PublishOptions options, CancellationToken ct)
    {
        var year = YearOf(key);
        var programme = await db.Programmes.FindAsync([year], ct);
        if (programme is null)
        {
            return options.Create ? null : new VersionOutcome.NotFound($"{year} 年度批次不存在。请先从上一年度复制。");
        }
        var inUse = await usage.RemovedInUseAsync(RoundListSet.From(year, ProgrammeUpgrade.Read(programme.SettingsJson)),
            RoundListSet.From(year, ProgrammeUpgrade.Read(content)), ct);
        return inUse.Count == 0 ? null
            : new VersionOutcome.Conflict("名单中仍在使用的项不能删除，未保存") { Errors = [.. inUse.Select(e => ValidationError.At(e.Path, e.Message))] };
    }

    public override async Task<PublishEffects> PublishingAsync(ArtifactVersion version, PublishContext context, CancellationToken ct)
    {
        var year = YearOf(version.Key);
        var programme = await db.Programmes.FindAsync([year], ct);
        if (programme is null)
        {
            programme = new Programme { Year = year, Title = version.Title, SettingsJson = version.Content };
            db.Programmes.Add(programme);
            // Every year is a round; a new one starts as a draft that follows the newest versions until it is opened.
            db.Rounds.Add(RoundLifecycle.NewDraft(year, version.Title, context.User, clock.GetUtcNow()));
        }
        else if (await db.Rounds.FindAsync([year], ct) is { } round && round.Title != version.Title)
        {
            round.Title = version.Title;
        }
        (programme.CurrentVersion, programme.Title, programme.SettingsJson) = (version.Version!.Value, version.Title, version.Content);
        var settings = ProgrammeUpgrade.Read(version.Content);
        // The transaction holds the write lock while the round's open tasks are read and moved.
        var replanned = await replanner.ReplanWithinAsync(year, settings, programme.CurrentVersion, context.User);
        await db.SaveChangesAsync(ct);
        var generated = await categoryRules.AddMissingAsync(context.Store, RoundListSet.From(year, settings), context.User, ct);
        return new PublishEffects(replanned, generated);
    }

    public override void Published(ArtifactVersion version)
    {
        cache.Invalidate();
        rounds.Invalidate();
    }

    public override IReadOnlyList<VersionChange> Compare(string before, string after) =>
        JsonChanges.Compare(ProgrammeUpgrade.Read(before), ProgrammeUpgrade.Read(after));
}
