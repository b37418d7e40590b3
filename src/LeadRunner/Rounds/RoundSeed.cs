using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// Gives every programme year its round at start. A year shipped in workflows/programmes (2024) is the running round:
/// it opens at once on the versions just loaded; any other year starts as a draft.
/// </summary>
public static class RoundSeed
{
    public static async Task EnsureAsync(IServiceProvider services, string contentRoot, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<LeadRunnerDb>();
        var missing = await db.Programmes.AsNoTracking().Where(p => !db.Rounds.Any(r => r.Year == p.Year))
            .Select(p => new { p.Year, p.Title }).ToListAsync(ct);
        if (missing.Count == 0)
        {
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var programme in missing)
        {
            db.Rounds.Add(RoundLifecycle.NewDraft(programme.Year, programme.Title, "系统", now));
        }
        await db.SaveChangesAsync(ct);
        services.GetRequiredService<RoundDirectory>().Invalidate();
        var lifecycle = services.GetRequiredService<RoundLifecycle>();
        foreach (var programme in missing.Where(p => File.Exists(Path.Combine(contentRoot, "workflows", "programmes", $"{p.Year}.json"))))
        {
            await lifecycle.OpenAsync(programme.Year, null, "系统", ct);
        }
    }
}
