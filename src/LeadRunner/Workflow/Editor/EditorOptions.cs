using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadRunner.Accounts;
using LeadRunner.Cms;
using LeadRunner.Workflow.Definitions;

namespace LeadRunner.Workflow.Editor;

/// <summary>
/// The choices the structured editor offers, each with the Chinese name officers read. Values come from the
/// definition model's enums and the validator's own role/scope rule, so the editor cannot offer what the server refuses.
/// </summary>
public sealed record EditorOptions(
    IReadOnlyList<EditorOptions.Choice> Roles,
    IReadOnlyList<EditorOptions.ScopeOption> Scopes,
    IReadOnlyList<EditorOptions.Choice> StepKinds,
    IReadOnlyList<EditorOptions.Choice> DeadlineKinds,
    IReadOnlyList<EditorOptions.Choice> ExpiryActions,
    IReadOnlyList<EditorOptions.Choice> Triggers,
    IReadOnlyList<EditorOptions.Choice> EffectKinds,
    IReadOnlyList<EditorOptions.Choice> Sections,
    IReadOnlyList<EditorOptions.Choice> VariableTypes,
    IReadOnlyList<EditorOptions.Choice> Subjects,
    IReadOnlyList<EditorOptions.Choice> Outcomes,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> Workflows,
    IReadOnlyList<string> Templates,
    IReadOnlyList<EditorOptions.Choice> DateSettings,
    IReadOnlyList<EditorOptions.Choice> NumberSettings)
{
    public sealed record Choice(string Value, string Label);

    /// <summary>A scope rule and the roles that may stand behind it.</summary>
    public sealed record ScopeOption(string Value, string Label, IReadOnlyList<string> Roles);

    public static EditorOptions Build(IEnumerable<string> forms, IEnumerable<string> workflows, IEnumerable<string> templates, ProgrammeSample? settings) => new(
        [.. Accounts.Roles.Programme.Select(r => new Choice(r, Accounts.Roles.ChineseNames[r]))],
        [.. Enum.GetValues<ScopeRule>().Select(s => new ScopeOption(Name(s), ScopeLabel(s), [.. Accounts.Roles.All.Where(r => DefinitionValidator.ScopeFits(r, s))]))],
        Labelled<StepKind>(k => k switch
        {
            StepKind.HumanTask => "人工办理", StepKind.Timer => "等待计时", StepKind.Automatic => "自动执行", _ => "结束",
        }),
        Labelled<DeadlineKind>(k => k switch
        {
            DeadlineKind.Setting => "按年度设置日期", DeadlineKind.WorkingDays => "工作日", DeadlineKind.Variable => "按案件变量日期", _ => "自然日",
        }),
        Labelled<ExpiryAction>(a => a switch
        {
            ExpiryAction.Remind => "提醒", ExpiryAction.Escalate => "上报上一级", _ => "执行流转",
        }),
        Labelled<TriggerKind>(t => t switch
        {
            TriggerKind.Human => "人工操作", TriggerKind.Timer => "期限到期时", _ => "自动（自动执行步骤）",
        }),
        Labelled<EffectKind>(e => e switch
        {
            EffectKind.SetVariable => "设置变量", EffectKind.Notify => "发送通知", EffectKind.PublishSiteItem => "在网站发布",
            EffectKind.StartWorkflow => "启动流程", EffectKind.RenderDocument => "生成文书", EffectKind.RecordPoolDecision => "记录入库决定",
            EffectKind.GrantTitle => "授予称号", EffectKind.RecordTitleDecision => "记录称号决定", EffectKind.FulfilObligation => "记录义务已履行",
            EffectKind.RecordChangeFiling => "记录变更备案", EffectKind.RecordSupportClaim => "登记支持申请", EffectKind.DecideSupportClaim => "记录支持申请决定",
            EffectKind.RaiseRevocation => "启动撤销程序",
            _ => "核验认定条件",
        }),
        [.. SiteSections.Listed.Select(s => new Choice(s.Path, s.Title))],
        [
            new("string", "文本"), new("integer", "整数"), new("number", "数字"), new("boolean", "是/否"),
            new("date", "日期"), new("object", "对象（JSON）"), new("array", "列表（JSON）"),
        ],
        [new("application", "申报（一次申报一个实例）"), new("enterprise", "企业（一家企业一个实例）")],
        [new("approved", "通过"), new("rejected", "未通过")],
        [.. forms.Order(StringComparer.Ordinal)],
        [.. workflows.Order(StringComparer.Ordinal)],
        [.. templates.Order(StringComparer.Ordinal)],
        settings?.Dates ?? [],
        settings?.Numbers ?? []);

    private static string ScopeLabel(ScopeRule scope) => scope switch
    {
        ScopeRule.Applicant => "申报企业本身",
        ScopeRule.ApplicantCounty => "企业所在县",
        ScopeRule.ApplicantUnit => "企业所属报送单位",
        _ => "全省",
    };

    private static Choice[] Labelled<T>(Func<T, string> label) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new Choice(Name(v), label(v)))];

    // The definition JSON writes enums in camelCase (DefinitionJson), so the editor uses the same names.
    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// Setting paths of the newest programme file (workflows/programmes/{year}.json), offered as suggestions for
    /// deadlines: dates for "按年度设置日期", whole numbers for a number of days.
    /// </summary>
    public sealed record ProgrammeSample(IReadOnlyList<Choice> Dates, IReadOnlyList<Choice> Numbers)
    {
        public static ProgrammeSample? Newest(string contentRoot)
        {
            var folder = Path.Combine(contentRoot, "workflows", "programmes");
            var newest = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.json").Where(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out _)).Max(StringComparer.Ordinal)
                : null;
            if (newest is null || JsonNode.Parse(File.ReadAllText(newest)) is not JsonObject root)
            {
                return null;
            }
            var year = Path.GetFileNameWithoutExtension(newest);
            List<Choice> dates = [], numbers = [];
            foreach (var (path, value) in Leaves(root, ""))
            {
                if (value.TryGetValue<string>(out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    dates.Add(new Choice(path, $"{year} 年度为 {text}"));
                }
                else if (value.TryGetValue<int>(out var number) && path != "year")
                {
                    numbers.Add(new Choice(path, $"{year} 年度为 {number}"));
                }
            }
            return new ProgrammeSample(dates, numbers);
        }

        private static IEnumerable<(string Path, JsonValue Value)> Leaves(JsonObject node, string prefix)
        {
            foreach (var (key, child) in node)
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                if (child is JsonObject inner)
                {
                    foreach (var leaf in Leaves(inner, path))
                    {
                        yield return leaf;
                    }
                }
                else if (child is JsonValue value)
                {
                    yield return (path, value);
                }
            }
        }
    }
}
