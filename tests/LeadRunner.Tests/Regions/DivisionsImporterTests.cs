using LeadRunner.Regions;

namespace LeadRunner.Tests.Regions;

public class DivisionsImporterTests
{
    private static readonly IReadOnlyList<DivisionsImporter.Division> Divisions = DivisionsImporter.ReadDivisions();

    [Fact]
    public void ReadDivisions_Has190DistinctCounties()
    {
        Assert.Equal(190, Divisions.Count);
        Assert.Equal(190, Divisions.Select(d => d.CountyCode).Distinct().Count());
    }

    [Fact]
    public void DefaultUnits_AreFourteen_ElevenCitiesPlusDingzhouXinjiAndXiongAn()
    {
        var units = DivisionsImporter.DefaultUnits(Divisions);
        Assert.Equal(14, units.Count);
        Assert.Equal(11, units.Count(u => u.Kind == ReportingUnitKind.City));
        Assert.Contains(units, u => u.Code == "130682" && u.Name == "定州市" && u.Kind == ReportingUnitKind.DirectCity);
        Assert.Contains(units, u => u.Code == "130181" && u.Name == "辛集市" && u.Kind == ReportingUnitKind.DirectCity);
        Assert.Contains(units, u => u.Code == "133100" && u.Name == "雄安新区" && u.Kind == ReportingUnitKind.NewArea);
    }

    [Fact]
    public void DefaultUnitCode_EveryCountyMapsToExactlyOneOfTheUnits()
    {
        var unitCodes = DivisionsImporter.DefaultUnits(Divisions).Select(u => u.Code).ToHashSet();
        var mapped = Divisions.ToDictionary(d => d.CountyCode, DivisionsImporter.DefaultUnitCode);
        Assert.Equal(190, mapped.Count);
        Assert.All(mapped.Values, unit => Assert.Contains(unit, unitCodes));
        Assert.Equal(14, mapped.Values.Distinct().Count());
    }

    [Theory]
    [InlineData("130682", "130682")] // 定州市 → 定州
    [InlineData("130181", "130181")] // 辛集市 → 辛集
    [InlineData("130638", "133100")] // 雄县 → 雄安新区
    [InlineData("130629", "133100")] // 容城县 → 雄安新区
    [InlineData("130632", "133100")] // 安新县 → 雄安新区
    [InlineData("130684", "130600")] // 高碑店市 → 保定市
    [InlineData("130183", "130100")] // 晋州市 → 石家庄市
    [InlineData("130534", "130500")] // 清河县 → 邢台市
    public void DefaultUnitCode_SpecialAndOrdinaryCases(string county, string unit)
    {
        var division = Divisions.Single(d => d.CountyCode == county);
        Assert.Equal(unit, DivisionsImporter.DefaultUnitCode(division));
    }

    [Fact]
    public void DefaultUnitCode_BaodingKeepsItsOtherCounties()
    {
        var baoding = Divisions.Where(d => d.CityCode == "130600").ToList();
        var toBaoding = baoding.Count(d => DivisionsImporter.DefaultUnitCode(d) == "130600");
        Assert.Equal(baoding.Count - 4, toBaoding); // 定州、雄县、容城、安新 leave 保定
    }
}
