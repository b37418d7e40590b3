using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadRunner.Data;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Programmes;

/// <summary>
/// A year's settings through the shared versioning (<see cref="SettingsKind"/>): saved as a new version, copied to
/// the next year with every date moved on, and loaded from workflows/programmes at start.
/// </summary>
public sealed partial class ProgrammeStore(LeadRunnerDb db, ArtifactStore store)
{
    public Task<VersionOutcome> SaveAsync(int year, string json, string user, string? note, bool create = false) =>
        store.PublishAsync(SettingsKind.Kind, SettingsKind.KeyOf(year), json, user, note, new PublishOptions(Create: create));

    /// <summary>Opens a new year from an existing one: same settings, the year in the title and every date moved on by the difference.</summary>
    public async Task<VersionOutcome> CopyAsync(int year, int newYear, string user)
    {
        var source = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Year == year);
        if (source is null)
        {
            return new VersionOutcome.NotFound($"{year} 年度批次不存在。");
        }
        if (await db.Programmes.AnyAsync(p => p.Year == newYear))
        {
            return new VersionOutcome.Conflict($"{newYear} 年度批次已存在，不能覆盖。");
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
            if (await SaveAsync(year, await File.ReadAllTextAsync(file), "系统", $"从 {Path.GetFileName(file)} 导入", create: true) is VersionOutcome.Invalid invalid)
            {
                logger.LogError("年度批次文件 {File} 有误，未加载：{Errors}", file, string.Join("；", invalid.Errors));
            }
        }
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();
}
