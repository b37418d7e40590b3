namespace LeadRunner.Regions;

/// <summary>The name of the bureau that acts for a county or a reporting unit, as documents and case records print it.</summary>
public static class Offices
{
    public const string Province = "河北省工业和信息化厅";

    /// <summary>雄安新区's industry matters sit with its reform and development bureau, not an industry bureau.</summary>
    private const string XiongAnUnit = "133100";

    public static string OfUnit(string code, string name) => code == XiongAnUnit ? "雄安新区改革发展局" : $"{name}工业和信息化局";

    public static string OfCounty(County county)
    {
        ArgumentNullException.ThrowIfNull(county);
        // A county-level city (辛集市, 定州市) has its own bureau, named without its prefecture.
        return county.Name.EndsWith('市') ? $"{county.Name}工业和信息化局" : $"{county.CityName}{county.Name}工业和信息化局";
    }
}
