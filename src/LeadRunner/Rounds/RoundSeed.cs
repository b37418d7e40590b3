using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// Gives every programme year its round at start. A year shipped in workflows/programmes (2024) is the running round:
/// it opens at once on the versions just loaded; any other year starts as a draft.
/// </summary>
public static class RoundSeed
{
    private const string SystemUser = "系统";

    public static async Task EnsureAsync(IServiceProvider services, string contentRoot, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<LeadRunnerDb>();
        var missing = await db.Programmes.AsNoTracking().Where(p => !db.Rounds.Any(r => r.Year == p.Year))
            .Select(p => new { p.Year, p.Title }).ToListAsync(ct);
        if (missing.Count > 0)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var programme in missing)
            {
                db.Rounds.Add(RoundLifecycle.NewDraft(programme.Year, programme.Title, SystemUser, now));
            }
            await db.SaveChangesAsync(ct);
            services.GetRequiredService<RoundDirectory>().Invalidate();
        }
        // The programme store gives a year loaded from its file a draft round already, so a shipped year is found as a
        // system draft never opened, not as a missing round. An administrator's own draft is never opened here.
        var drafts = await db.Rounds.AsNoTracking().Where(r => r.Status == RoundStatus.Draft && r.OpenedAt == null && r.CreatedBy == SystemUser)
            .Select(r => r.Year).ToListAsync(ct);
        var lifecycle = services.GetRequiredService<RoundLifecycle>();
        foreach (var year in drafts.Where(y => File.Exists(Path.Combine(contentRoot, "workflows", "programmes", $"{y}.json"))))
        {
            await lifecycle.OpenAsync(year, null, SystemUser, ct);
        }
    }
}
