using System.Globalization;
using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Rounds;

/// <summary>
/// Gives every programme year its round at start. A year shipped in workflows/programmes (2024) is the running round:
/// loaded by the system, it opens at once on the versions just loaded; any other year starts as a draft.
/// </summary>
public static class RoundSeed
{
    public const string SystemUser = "系统";

    public static async Task EnsureAsync(IServiceProvider services, string contentRoot, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<LeadRunnerDb>();
        var directory = services.GetRequiredService<RoundDirectory>();
        var missing = await db.Programmes.AsNoTracking().Where(p => !db.Rounds.Any(r => r.Year == p.Year))
            .Select(p => new { p.Year, p.Title }).ToListAsync(ct);
        if (missing.Count > 0)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            db.Rounds.AddRange(missing.Select(p => RoundLifecycle.NewDraft(p.Year, p.Title, SystemUser, now)));
            await db.SaveChangesAsync(ct);
            directory.Invalidate();
        }
        var shipped = await db.Rounds.AsNoTracking()
            .Where(r => r.Status == RoundStatus.Draft && r.OpenedAt == null && r.CreatedBy == SystemUser).Select(r => r.Year).ToListAsync(ct);
        var lifecycle = services.GetRequiredService<RoundLifecycle>();
        foreach (var year in shipped.Where(y => File.Exists(Path.Combine(contentRoot, "workflows", "programmes", y.ToString(CultureInfo.InvariantCulture) + ".json"))))
        {
            await lifecycle.OpenAsync(year, null, SystemUser, ct);
        }
    }
}
