using LeadRunner.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Enterprises;

/// <summary>Hebei's well-known county specialty clusters, loaded once into an empty table; administrators manage them afterwards.</summary>
public static class ClusterSeed
{
    private static readonly (string Name, string County, string Category)[] Clusters =
    [
        ("藁城区宫灯及装饰品产业集群", "130109", "轻工"),
        ("晋州市纺织服装产业集群", "130183", "纺织"),
        ("辛集市皮革皮具产业集群", "130181", "轻工"),
        ("玉田县印刷包装机械产业集群", "130229", "装备制造"),
        ("昌黎县葡萄酒产业集群", "130322", "食品"),
        ("武安市钢铁深加工产业集群", "130481", "钢铁"),
        ("永年区标准件产业集群", "130408", "装备制造"),
        ("清河县羊绒及制品产业集群", "130534", "纺织"),
        ("南和区宠物食品产业集群", "130506", "食品"),
        ("平乡县自行车及童车产业集群", "130532", "轻工"),
        ("宁晋县光伏及单晶硅产业集群", "130528", "新能源"),
        ("沙河市玻璃产业集群", "130582", "建材"),
        ("安国市现代中药产业集群", "130683", "生物医药"),
        ("高碑店市白沟箱包产业集群", "130684", "轻工"),
        ("定州市体育用品产业集群", "130682", "轻工"),
        ("雄县塑料包装产业集群", "130638", "化工"),
        ("容城县服装产业集群", "130629", "纺织"),
        ("安新县制鞋产业集群", "130632", "轻工"),
        ("平泉市食用菌产业集群", "130881", "食品"),
        ("泊头市铸造产业集群", "130981", "装备制造"),
        ("河间市汽车零部件产业集群", "130984", "汽车及零部件"),
        ("霸州市家具产业集群", "131081", "轻工"),
        ("大城县保温建材产业集群", "131025", "建材"),
        ("安平县丝网产业集群", "131125", "装备制造"),
        ("枣强县玻璃钢产业集群", "131121", "建材"),
    ];

    public static async Task SeedAsync(LeadRunnerDb db, CancellationToken ct = default)
    {
        if (await db.Clusters.AnyAsync(ct))
        {
            return;
        }
        db.Clusters.AddRange(Clusters.Select(c => new Cluster { Name = c.Name, CountyCode = c.County, IndustryCategory = c.Category }));
        await db.SaveChangesAsync(ct);
    }
}
