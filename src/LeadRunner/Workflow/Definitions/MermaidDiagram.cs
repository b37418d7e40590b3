using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LeadRunner.Workflow.Definitions;

/// <summary>
/// A Mermaid state diagram of a definition, generated on the server. State ids are the step ids, so the editor
/// can map a clicked node back to its step.
/// </summary>
public static partial class MermaidDiagram
{
    public static string Render(WorkflowDefinition definition)
    {
        var text = new StringBuilder();
        text.AppendLine("stateDiagram-v2");
        foreach (var step in definition.Steps)
        {
            var who = step.Assignee is { } a ? $"（{Accounts.Roles.ChineseNames.GetValueOrDefault(a.Role, a.Role)}）" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"    state \"{Label(step.Title + who)}\" as {step.Id}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"    [*] --> {definition.Start}");
        foreach (var t in definition.Transitions)
        {
            var marker = t.Trigger switch { TriggerKind.Timer => "⏱ ", TriggerKind.Auto => "⚙ ", _ => "" };
            text.AppendLine(CultureInfo.InvariantCulture, $"    {t.From} --> {t.To} : {Label(marker + t.Label)}");
        }
        foreach (var step in definition.Steps.Where(s => s.Kind == StepKind.Terminal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {step.Id} --> [*]");
        }
        var timers = definition.Steps.Where(s => s.Kind == StepKind.Timer).Select(s => s.Id).ToList();
        if (timers.Count > 0)
        {
            text.AppendLine("    classDef timer fill:#fff4e5,stroke:#e0a040");
            text.AppendLine(CultureInfo.InvariantCulture, $"    class {string.Join(",", timers)} timer");
        }
        return text.ToString();
    }

    // Mermaid's own syntax characters are replaced by their full-width forms so a label cannot break the diagram.
    private static string Label(string value) => Unsafe().Replace(value, m => m.Value switch
    {
        ":" => "：", ";" => "；", "\"" => "”", "#" => "＃", "{" => "｛", "}" => "｝", "<" => "＜", ">" => "＞", _ => " ",
    });

    [GeneratedRegex("[:;\"#{}<>\\r\\n]")]
    private static partial Regex Unsafe();
}
