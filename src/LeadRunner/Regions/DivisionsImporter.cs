using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Regions;

/// <summary>
/// Loads Hebei's county-level divisions (national statistical codes) and derives the 14 reporting units.
/// Runs at every start but only adds what is missing, so an administrator's changed mapping is kept.
/// </summary>
public static class DivisionsImporter
{
    public const string XiongAnCode = "133100";
    public static readonly IReadOnlySet<string> XiongAnCounties = new HashSet<string> { "130638", "130629", "130632" };
    public static readonly IReadOnlySet<string> DirectCities = new HashSet<string> { "130682", "130181" };

    public sealed record Division(string CountyCode, string CountyName, string CityCode, string CityName);

    public static IReadOnlyList<Division> ReadDivisions()
    {
        using var stream = typeof(DivisionsImporter).Assembly.GetManifestResourceStream("LeadRunner.Regions.hebei-divisions.csv")
            ?? throw new InvalidOperationException("找不到内置的河北省行政区划数据。");
        using var reader = new StreamReader(stream);
        var rows = new List<Division>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var cells = line.Split(',');
            rows.Add(new Division(cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim()));
        }
        return rows;
    }

    /// <summary>The reporting unit a county belongs to by default.</summary>
    public static string DefaultUnitCode(Division d) =>
        DirectCities.Contains(d.CountyCode) ? d.CountyCode
        : XiongAnCounties.Contains(d.CountyCode) ? XiongAnCode
        : d.CityCode;

    public static IReadOnlyList<ReportingUnit> DefaultUnits(IReadOnlyList<Division> divisions)
    {
        var cities = divisions.GroupBy(d => d.CityCode).OrderBy(g => g.Key)
            .Select(g => new ReportingUnit { Code = g.Key, Name = g.First().CityName, Kind = ReportingUnitKind.City });
        var direct = divisions.Where(d => DirectCities.Contains(d.CountyCode)).OrderBy(d => d.CountyCode)
            .Select(d => new ReportingUnit { Code = d.CountyCode, Name = d.CountyName, Kind = ReportingUnitKind.DirectCity });
        var xiongAn = new ReportingUnit { Code = XiongAnCode, Name = "雄安新区", Kind = ReportingUnitKind.NewArea };
        var units = cities.Concat(direct).Append(xiongAn).ToList();
        for (var i = 0; i < units.Count; i++)
        {
            units[i].SortOrder = i + 1;
        }
        return units;
    }

    public static async Task ImportAsync(LeadRunnerDb db, CancellationToken cancellationToken = default)
    {
        var divisions = ReadDivisions();
        var knownUnits = await db.ReportingUnits.Select(u => u.Code).ToHashSetAsync(cancellationToken);
        db.ReportingUnits.AddRange(DefaultUnits(divisions).Where(u => !knownUnits.Contains(u.Code)));

        var knownCounties = await db.Counties.Select(c => c.Code).ToHashSetAsync(cancellationToken);
        db.Counties.AddRange(divisions.Where(d => !knownCounties.Contains(d.CountyCode)).Select(d => new County
        {
            Code = d.CountyCode,
            Name = d.CountyName,
            CityCode = d.CityCode,
            CityName = d.CityName,
            UnitCode = DefaultUnitCode(d),
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
