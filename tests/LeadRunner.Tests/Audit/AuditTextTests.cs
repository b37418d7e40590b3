using LeadRunner.Audit;

namespace LeadRunner.Tests.Audit;

public class AuditTextTests
{
    [Theory]
    [InlineData("""{"workflows":{"pool-entry":1,"recognition":2},"forms":{}}""", "workflows：（pool-entry：1；recognition：2）；forms：（）")]
    [InlineData("""["纺织","轻工"]""", "纺织、轻工")]
    [InlineData("通知日期 2024-08-28", "通知日期 2024-08-28")]
    [InlineData("{不是 JSON", "{不是 JSON")]
    public void Readable_ShowsJsonAsNamesAndValues_LeavesTextAlone(string recorded, string shown) =>
        Assert.Equal(shown, AuditText.Readable(recorded));
}
