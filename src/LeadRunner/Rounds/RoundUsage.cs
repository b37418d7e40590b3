using LeadRunner.Data;

namespace LeadRunner.Rounds;

/// <summary>
/// Which round uses which version of an artifact, as one line for its list and editor: "2024 年度（已开放）使用第 1 版；
/// 2025 年度（筹备中）跟随最新版本（第 2 版）". The newest versions are read once per request.
/// </summary>
public sealed class RoundUsage(LeadRunnerDb db, RoundDirectory rounds)
{
    public enum Kind
    {
        Workflow,
        Form,
        Template,
        Rules,
    }

    /// <summary>An artifact: a workflow id, a form key, a template key, or the rule set (no key).</summary>
    public sealed record Target(Kind Kind, string Key = "");

    private RoundPins? _latest;

    public async Task<string> DescribeAsync(Target target, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        _latest ??= await LatestVersions.ReadAsync(db, ct);
        var lines = rounds.All.OrderBy(r => r.Year).Select(r => Describe(r, target, _latest)).ToList();
        return lines.Count == 0 ? "尚无年度批次。" : string.Join("；", lines) + "。";
    }

    private static string Describe(RoundDirectory.Entry round, Target target, RoundPins latest)
    {
        var who = $"{round.Year} 年度（{RoundLabels.Status(round.Status)}）";
        if (round.Pins is { } pins && Version(pins, target) is { } pinned)
        {
            return $"{who}使用第 {pinned} 版";
        }
        // A draft round, or an artifact the frozen round did not have when it opened: both follow the newest.
        return Version(latest, target) is { } newest ? $"{who}跟随最新版本（第 {newest} 版）" : $"{who}跟随最新版本（尚未发布）";
    }

    private static int? Version(RoundPins pins, Target target) => target.Kind switch
    {
        Kind.Workflow => pins.Workflows.TryGetValue(target.Key, out var v) ? v : null,
        Kind.Form => pins.Forms.TryGetValue(target.Key, out var v) ? v : null,
        Kind.Template => pins.Templates.TryGetValue(target.Key, out var v) ? v : null,
        _ => pins.RulesVersion,
    };
}
