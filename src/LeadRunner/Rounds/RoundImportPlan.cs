using System.Globalization;
using System.Text.Json.Nodes;
using LeadRunner.Data;
using LeadRunner.Documents;
using LeadRunner.Forms;
using LeadRunner.Programmes;
using LeadRunner.Programmes.Eligibility;
using LeadRunner.Versioning;
using LeadRunner.Workflow.Calendar;
using LeadRunner.Workflow.Definitions;
using LeadRunner.Workflow.Versions;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// What importing a round file would do, item by item, worked out without writing anything: which versions this
/// installation already has as its newest (reused, since a draft round follows the newest) and which would be
/// published, each checked by its own store's validation. The preview shows it; the import carries it out.
/// </summary>
public sealed class RoundImportPlanner(LeadRunnerDb db, ProgrammeValidator programmes, WorkflowKind workflows, TemplateKind templates, RuleKind rules)
{
    public const string Reuse = "reuse", Publish = "publish", Create = "create", Add = "add", Same = "same", Keep = "keep";

    public sealed record Item(string Kind, string KindLabel, string Key, string Title, int? FileVersion, string Action, string ActionLabel, IReadOnlyList<string> Problems);

    public sealed record Counts(int Workflows, int Forms, int Templates, int Rules, int CalendarYears);

    public sealed record Plan(int Year, int SourceYear, string Title, bool Exists, Counts Counts, IReadOnlyList<Item> Items, IReadOnlyList<string> Conflicts)
    {
        public bool CanImport => !Exists && Items.All(i => i.Problems.Count == 0);

        public Dictionary<string, string[]> Errors() =>
            Items.Where(i => i.Problems.Count > 0).ToDictionary(i => $"{i.Kind}.{i.Key}", i => i.Problems.ToArray());

        public IEnumerable<Item> ToApply(string kind) => Items.Where(i => i.Kind == kind && i.Action is Publish or Create or Add);
    }

    /// <summary>The plan with what carrying it out needs: the file and the settings as the target year's.</summary>
    public sealed record Prepared(Plan Plan, RoundBundle Bundle, string SettingsJson);

    public async Task<Prepared> PlanAsync(RoundBundle bundle, int? asYear, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var source = bundle.Round.Year;
        var year = asYear ?? source;
        var settings = bundle.Settings.ToJsonString();
        if (year != source)
        {
            settings = ProgrammeStore.ShiftYear(settings, source, year);
        }
        var items = new List<Item>();
        var conflicts = new List<string>();
        var exists = await db.Programmes.AnyAsync(p => p.Year == year, ct) || await db.Rounds.AnyAsync(r => r.Year == year, ct);
        if (exists)
        {
            conflicts.Add($"本系统已有 {year} 年度批次，不能覆盖。如需导入，请在“导入为年度”中填写另一个年度，设置中的日期将相应顺延。");
        }
        items.Add(SettingsItem(settings, source, year));
        items.AddRange(await WorkflowItemsAsync(bundle, ct));
        items.AddRange(await FormItemsAsync(bundle, ct));
        items.AddRange(await TemplateItemsAsync(bundle, conflicts, ct));
        items.AddRange(await RuleItemsAsync(bundle, settings, conflicts, ct));
        items.AddRange(await CalendarItemsAsync(bundle, conflicts, ct));
        var title = JsonNode.Parse(settings)?["title"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : bundle.Round.Title;
        return new Prepared(new Plan(year, source, title, exists,
            new Counts(bundle.Workflows.Count, bundle.Forms.Count, bundle.Templates.Count, bundle.Rules?.Items.Count ?? 0, bundle.Calendar.Count),
            items, conflicts), bundle, settings);
    }

    private Item SettingsItem(string settings, int source, int year)
    {
        var problems = year is < 2020 or > 2100
            ? ["年度应在 2020～2100 之间，可在“导入为年度”中另选年度。"]
            : programmes.Validate(settings, year).Errors.Select(e => $"{e.Path}：{e.Message}").ToList();
        var label = year == source ? $"新建 {year} 年度设置" : $"新建 {year} 年度设置（由 {source} 年度导入，各日期顺延 {year - source} 年）";
        return new Item("settings", "年度设置", year.ToString(CultureInfo.InvariantCulture), $"{year} 年度设置", null, Create, label, Prefixed("年度设置", problems));
    }

    private async Task<List<Item>> WorkflowItemsAsync(RoundBundle bundle, CancellationToken ct)
    {
        var checks = await workflows.CheckImportedAsync([.. bundle.Workflows.Select(w => w.Definition.ToJsonString(DefinitionJson.Options))]);
        var items = new List<Item>();
        for (var i = 0; i < bundle.Workflows.Count; i++)
        {
            var part = bundle.Workflows[i];
            var problems = checks[i].Errors.Select(e => $"{e.Path}：{e.Message}").ToList();
            if (checks[i].Definition is { } definition && definition.Id != part.Id)
            {
                problems.Add($"定义中的标识“{definition.Id}”与文件所列的“{part.Id}”不一致。");
            }
            var newest = await NewestAsync(WorkflowKind.Kind, part.Id, ct);
            var same = newest is not null && JsonNode.DeepEquals(WithoutVersion(JsonNode.Parse(newest.Json)), WithoutVersion(part.Definition));
            items.Add(Versioned("workflow", "流程", part.Id, part.Title, part.Version, same, newest?.Version, Prefixed($"流程“{part.Title}”（{part.Id}）", problems)));
        }
        return items;
    }

    private async Task<List<Item>> FormItemsAsync(RoundBundle bundle, CancellationToken ct)
    {
        var items = new List<Item>();
        foreach (var part in bundle.Forms)
        {
            var read = FormSchemaReader.Read(part.Definition.ToJsonString());
            var problems = read.Errors.Select(e => $"{e.Path}：{e.Message}").ToList();
            if (read.Definition is { } definition && definition.Key != part.Key)
            {
                problems.Add($"定义中的 key“{definition.Key}”与文件所列的“{part.Key}”不一致。");
            }
            var newest = await NewestAsync(FormKind.Kind, part.Key, ct);
            var same = newest is not null && JsonNode.DeepEquals(JsonNode.Parse(newest.Json), part.Definition);
            items.Add(Versioned("form", "表单", part.Key, part.Title, part.Version, same, newest?.Version, Prefixed($"表单“{part.Title}”（{part.Key}）", problems)));
        }
        return items;
    }

    private sealed record Newest(int Version, string Json);

    private Task<Newest?> NewestAsync(string kind, string key, CancellationToken ct) =>
        db.ArtifactVersions.AsNoTracking().Of(kind, key).NewestPublished().Select(v => new Newest(v.Version!.Value, v.Content)).FirstOrDefaultAsync(ct);

    /// <summary>A template's live text is what a draft round uses; its title, annex and data are kept from this installation when it has them.</summary>
    private async Task<List<Item>> TemplateItemsAsync(RoundBundle bundle, List<string> conflicts, CancellationToken ct)
    {
        var existing = await db.DocumentTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key, ct);
        var items = new List<Item>();
        foreach (var part in bundle.Templates)
        {
            var template = existing.GetValueOrDefault(part.Key);
            var same = template is not null && template.Text == part.Text;
            var problems = new List<string>();
            if (!same)
            {
                problems.AddRange(templates.Check(part.Key, part.Text, template?.HasBlank ?? part.HasBlank).Select(e => $"第 {e.Line} 行第 {e.Column} 列：{e.Message}"));
            }
            if (template is null && part.Annex is { } annex && existing.Values.FirstOrDefault(t => t.Annex == annex) is { } taken)
            {
                problems.Add($"附件 {annex} 在本系统中已是模板“{taken.Title}”（{taken.Key}）。");
            }
            if (template is not null && (template.Title != part.Title || template.Annex != part.Annex || template.HasBlank != part.HasBlank
                || template.Binds != string.Join(',', part.Binds)))
            {
                conflicts.Add($"文书模板“{template.Title}”（{part.Key}）的名称、附件编号、绑定数据或空白版设置与文件不同，保留本系统的设置。");
            }
            items.Add(Versioned("template", "文书模板", part.Key, part.Title, part.Version, same, template?.Version, Prefixed($"文书模板“{part.Title}”（{part.Key}）", problems)));
        }
        return items;
    }

    private async Task<List<Item>> RuleItemsAsync(RoundBundle bundle, string settings, List<string> conflicts, CancellationToken ct)
    {
        if (bundle.Rules is not { } set)
        {
            return [];
        }
        var current = await db.EligibilityRules.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var categories = (JsonNode.Parse(settings)?["specialCategories"] as JsonArray ?? [])
            .Select(c => c?["key"] is JsonValue k && k.TryGetValue<string>(out var key) ? key : null).OfType<string>().ToList();
        var items = new List<Item>();
        foreach (var rule in set.Items)
        {
            var stored = current.GetValueOrDefault(rule.Id);
            var same = stored is not null && RuleDefinition.Of(stored) == rule;
            List<string> problems = same ? [] : (await rules.WithCategoriesAsync(categories, () => Task.FromResult(rules.Validate(rule))))
                .Select(e => $"{e.Path}：{e.Message}").ToList();
            items.Add(Versioned("rule", "认定条件", rule.Id, rule.Title, null, same, stored?.Version, Prefixed($"认定条件“{rule.Title}”（{rule.Id}）", problems)));
        }
        var extra = current.Values.Where(r => set.Items.All(i => i.Id != r.Id)).Select(r => $"“{r.Title}”").ToList();
        if (extra.Count > 0)
        {
            conflicts.Add($"本系统另有认定条件{string.Join("、", extra)}，文件中没有；导入后它们仍在规则集中。");
        }
        var newest = await RuleKind.SetVersions(db.ArtifactVersions).MaxAsync(id => (int?)id, ct);
        var whole = items.All(i => i.Action == Reuse) && extra.Count == 0 && newest is not null;
        items.Insert(0, new Item("rules", "认定条件规则集", "set", $"认定条件规则集（{set.Items.Count} 项）", set.Version, whole ? Reuse : Publish,
            whole ? $"沿用本系统规则集第 {newest} 版（内容相同）" : "保存修改的条件，形成新的规则集版本", []));
        return items;
    }

    /// <summary>A year the installation lacks is added; one it has is never overwritten, and a difference is reported.</summary>
    private async Task<List<Item>> CalendarItemsAsync(RoundBundle bundle, List<string> conflicts, CancellationToken ct)
    {
        var items = new List<Item>();
        foreach (var part in bundle.Calendar)
        {
            var body = new CalendarYearBody(part.Holidays.ToDictionary(d => d.Key, d => (string?)d.Value), part.AdjustedWorkdays.ToDictionary(d => d.Key, d => (string?)d.Value));
            var (days, errors) = CalendarYearChange.Validate(part.Year, body);
            List<CalendarDay> stored = CalendarDates.IsEditableYear(part.Year) ? await db.CalendarDays.ReadYear(part.Year).ToListAsync(ct) : [];
            var same = stored.Count == days.Count && stored.Zip(days).All(p => p.First.Date == p.Second.Date && p.First.Kind == p.Second.Kind && p.First.Name == p.Second.Name);
            var (action, label) = stored.Count == 0 ? (Add, "添加到本系统工作日历") : same ? (Same, "本系统已有相同内容") : (Keep, "本系统已有该年，保留本系统的内容");
            if (action == Keep)
            {
                conflicts.Add($"本系统已有 {part.Year} 年工作日历（节假日 {stored.Count(d => d.Kind == CalendarDayKind.Holiday)} 天、调休上班 {stored.Count(d => d.Kind == CalendarDayKind.AdjustedWorkday)} 天），"
                    + $"与文件（节假日 {part.Holidays.Count} 天、调休上班 {part.AdjustedWorkdays.Count} 天）不同，保留本系统的内容，未覆盖。");
            }
            var year = part.Year.ToString(CultureInfo.InvariantCulture);
            items.Add(new Item("calendar", "工作日历", year, $"{year} 年（节假日 {part.Holidays.Count} 天、调休上班 {part.AdjustedWorkdays.Count} 天）", null, action, label,
                Prefixed($"{year} 年工作日历", errors.SelectMany(e => e.Value))));
        }
        return items;
    }

    private static Item Versioned(string kind, string label, string key, string title, int? fileVersion, bool same, int? existing, IReadOnlyList<string> problems) =>
        new(kind, label, key, title, fileVersion, same ? Reuse : existing is null ? Create : Publish,
            same ? $"沿用本系统第 {existing} 版（内容相同）" : existing is null ? "本系统没有，新建并发布" : $"发布为新版本（本系统现为第 {existing} 版）", problems);

    /// <summary>At most five messages per item, each naming the item, so the list stays readable.</summary>
    private static List<string> Prefixed(string item, IEnumerable<string> problems)
    {
        var all = problems.ToList();
        var shown = all.Take(5).Select(p => $"{item}：{p}").ToList();
        if (all.Count > 5)
        {
            shown.Add($"{item}：另有 {all.Count - 5} 处问题。");
        }
        return shown;
    }

    /// <summary>A definition's own version number is where it was published, not its content.</summary>
    public static JsonNode? WithoutVersion(JsonNode? definition)
    {
        if (definition?.DeepClone() is JsonObject copy)
        {
            copy.Remove("version");
            return copy;
        }
        return definition;
    }
}
