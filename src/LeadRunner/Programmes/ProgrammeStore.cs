using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Admin;
using LeadRunner.Data;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Rounds;
using LeadRunner.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

/// <summary>
/// Saves a year's settings as a new version (validated, logged), copies a year to the next, compares two years.
/// A list entry cases still use cannot be removed, and a new special-condition category gets a rule if none checks it.
/// </summary>
public sealed partial class ProgrammeStore(LeadRunnerDb db, ProgrammeValidator validator, ProgrammeSettings cache, AuditLog audit, TimeProvider clock,
    RoundListUsage usage, CategoryRules categoryRules, Rounds.RoundDirectory rounds, Workflow.Runtime.DeadlineReplanner replanner)
{
    public abstract record Outcome
    {
        /// <summary>Saved, with the number of the year's running cases whose deadlines moved with it.</summary>
        public sealed record Saved(Programme Programme, int Replanned = 0) : Outcome
        {
            /// <summary>Titles of the rules generated for new special-condition categories.</summary>
            public IReadOnlyList<string> GeneratedRules { get; init; } = [];
        }

        public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : Outcome;

        /// <summary>Entries removed from a list that cases still use; nothing was saved.</summary>
        public sealed record InUse(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound(string Message) : Outcome;
        public sealed record Exists(string Message) : Outcome;
    }

    public sealed record Difference(string Path, string? Before, string? After);

    public async Task<Outcome> SaveAsync(int year, string json, string user, string? note, bool create = false)
    {
        var result = validator.Validate(json, year);
        if (!result.Valid)
        {
            return new Outcome.Invalid(result.Errors);
        }
        var programme = await db.Programmes.FindAsync(year);
        if (programme is null && !create)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。请先从上一年度复制。");
        }
        var normalised = result.Settings!.ToJsonString(DefinitionJson.Options);
        var lists = RoundListSet.From(year, result.Settings!);
        if (programme is not null
            && await usage.RemovedInUseAsync(RoundListSet.From(year, ProgrammeUpgrade.Read(programme.SettingsJson)), lists) is { Count: > 0 } inUse)
        {
            return new Outcome.InUse([.. inUse.Select(e => new ValidationError(e.Path, 0, 0, e.Message))]);
        }
        if (programme is null)
        {
            programme = new Programme { Year = year, Title = result.Settings!["title"]!.GetValue<string>(), SettingsJson = normalised };
            db.Programmes.Add(programme);
            // Every year is a round; a new one starts as a draft that follows the newest versions until it is opened.
            db.Rounds.Add(Rounds.RoundLifecycle.NewDraft(year, programme.Title, user, clock.GetUtcNow()));
        }
        else if (programme.SettingsJson == normalised)
        {
            return new Outcome.Saved(programme); // nothing changed: no new version
        }
        programme.CurrentVersion++;
        programme.Title = result.Settings!["title"]!.GetValue<string>();
        if (await db.Rounds.FindAsync(year) is { } round && round.Title != programme.Title)
        {
            round.Title = programme.Title;
        }
        programme.SettingsJson = normalised;
        db.ProgrammeVersions.Add(new ProgrammeVersion
        {
            Year = year, Version = programme.CurrentVersion, SettingsJson = normalised, CreatedAt = clock.GetUtcNow(), CreatedBy = user, Note = note,
        });
        audit.Record("保存年度批次设置", $"{programme.Title}（第 {programme.CurrentVersion} 版）", reason: note);
        // The round's deadlines move in the same transaction, which holds the write lock while they are read.
        // A caller's transaction (a round import) is joined; otherwise the save owns one.
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await using (transaction)
        {
            var replanned = await replanner.ReplanWithinAsync(year, result.Settings!, programme.CurrentVersion, user);
            var generated = await categoryRules.AddMissingAsync(lists, user);
            await db.SaveChangesAsync();
            if (transaction is not null)
            {
                await transaction.CommitAsync();
            }
            cache.Invalidate();
            rounds.Invalidate();
            categoryRules.Saved();
            return new Outcome.Saved(programme, replanned) { GeneratedRules = generated };
        }
    }

    /// <summary>Opens a new year from an existing one: same settings, the year in the title and every date moved on by the difference.</summary>
    public async Task<Outcome> CopyAsync(int year, int newYear, string user)
    {
        var source = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year);
        if (source is null)
        {
            return new Outcome.NotFound($"{year} 年度批次不存在。");
        }
        if (await db.Programmes.AnyAsync(p => p.Year == newYear))
        {
            return new Outcome.Exists($"{newYear} 年度批次已存在，不能覆盖。");
        }
        return await SaveAsync(newYear, ShiftYear(source.SettingsJson, year, newYear), user, $"从 {year} 年度复制", create: true);
    }

    /// <summary>A year's settings as another year's: the year in the title and every date moved on by the difference.</summary>
    public static string ShiftYear(string settingsJson, int year, int newYear)
    {
        var shift = newYear - year;
        var text = IsoDate().Replace(settingsJson, m =>
            DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.AddYears(shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : m.Value);
        var settings = JsonNode.Parse(text)!.AsObject();
        settings["year"] = newYear;
        if (settings["title"] is JsonValue title && title.TryGetValue<string>(out var name))
        {
            settings["title"] = name.Replace(year.ToString(CultureInfo.InvariantCulture), newYear.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return settings.ToJsonString();
    }

    /// <summary>Every year a date in the settings names (deadlines, notice date), for the calendar a round needs.</summary>
    public static IEnumerable<int> YearsNamed(string settingsJson) =>
        IsoDate().Matches(settingsJson).Select(m => DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.Year : 0)
            .Where(y => y > 0).Distinct();

    public static IReadOnlyList<Difference> Compare(JsonNode? before, JsonNode? after, string path = "$")
    {
        var differences = new List<Difference>();
        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    differences.AddRange(Compare(a[key], b[key], $"{path}.{key}"));
                }
                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    differences.AddRange(Compare(a[i], b[i], $"{path}[{i}]"));
                }
                break;
            default:
                var x = before?.ToJsonString(DefinitionJson.Options);
                var y = after?.ToJsonString(DefinitionJson.Options);
                if (x != y)
                {
                    differences.Add(new Difference(path, x, y));
                }
                break;
        }
        return differences;
    }

    /// <summary>Loads workflows/programmes/{year}.json for years the database does not have yet.</summary>
    public async Task LoadFilesAsync(string folder, ILogger logger)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (!int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || await db.Programmes.AnyAsync(p => p.Year == year))
            {
                continue;
            }
            if (await SaveAsync(year, await File.ReadAllTextAsync(file), "系统", $"从 {Path.GetFileName(file)} 导入", create: true) is Outcome.Invalid invalid)
            {
                logger.LogError("年度批次文件 {File} 有误，未加载：{Errors}", file, string.Join("；", invalid.Errors));
            }
        }
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();
}
