namespace LeadRunner.Demo;

/// <summary>Where a demo enterprise's case stands in the 2024 round; <see cref="DemoRound"/> drives it there.</summary>
public enum DemoFate
{
    PoolApplying, PoolAtCounty, PoolAtCity, PoolRejected, PoolOnly, Drafting, AtCounty, AtCity, AtProvince, Shortlisted,
    InPublicity, InPublicityObjected, Authorised, AuthorisedObjectionDismissed,
    RejectedByCounty, RejectedByCity, RejectedByProvince, ObjectionUpheld,
}

/// <summary>
/// One demo enterprise of the 2024 round: figures as filed (营业收入 in 万元, 研发投入占比 in %), its fate, and whether
/// it is listed on a stock exchange (recorded in the application as <c>listed</c> and the 资本助力 condition).
/// </summary>
public sealed record DemoFirm(string Name, string County, string Cluster, string Industry, decimal RevenueWan, decimal RdPercent, DemoFate Fate,
    string Products, bool Listed = false);

/// <summary>
/// The demo round's enterprises: invented names in the real clusters of 13 reporting units (定州, 辛集 and 雄安 among
/// them), R&amp;D ratios around the 3 % / 3.5 % thresholds with a few below.
/// </summary>
public static class DemoRoundData
{
    public static readonly DemoFirm[] Firms =
    [
        new("石家庄市藁城区福瑞宫灯工艺品有限公司", "130109", "藁城区宫灯及装饰品产业集群", "轻工", 12_600, 3.21m, DemoFate.Authorised, "宫灯、节庆装饰灯具"),
        new("石家庄市藁城区华艺灯饰有限公司", "130109", "藁城区宫灯及装饰品产业集群", "轻工", 8_900, 2.42m, DemoFate.PoolOnly, "灯笼、装饰彩灯"),
        new("晋州市恒泰纺织有限公司", "130183", "晋州市纺织服装产业集群", "纺织", 46_800, 3.38m, DemoFate.AtProvince, "精梳棉纱、色织布"),
        new("晋州市锦华服饰有限公司", "130183", "晋州市纺织服装产业集群", "纺织", 21_500, 3.12m, DemoFate.AtCounty, "针织服装"),
        new("玉田县金冠印刷机械有限公司", "130229", "玉田县印刷包装机械产业集群", "装备制造", 38_200, 4.63m, DemoFate.Authorised, "胶印机、模切机", Listed: true),
        new("玉田县宏达包装机械有限公司", "130229", "玉田县印刷包装机械产业集群", "装备制造", 15_400, 3.84m, DemoFate.AtCity, "纸箱包装生产线"),
        new("昌黎县碣石山酒庄有限公司", "130322", "昌黎县葡萄酒产业集群", "食品", 9_800, 3.32m, DemoFate.InPublicity, "干红葡萄酒"),
        new("昌黎县海岸葡萄酿酒有限公司", "130322", "昌黎县葡萄酒产业集群", "食品", 7_600, 2.91m, DemoFate.Drafting, "葡萄酒、白兰地"),
        new("武安市裕丰精密钢管有限公司", "130481", "武安市钢铁深加工产业集群", "钢铁", 168_000, 3.08m, DemoFate.Authorised, "精密无缝钢管"),
        new("武安市新金型材有限公司", "130481", "武安市钢铁深加工产业集群", "钢铁", 92_400, 2.67m, DemoFate.RejectedByProvince, "热轧型钢"),
        new("邯郸市永年区固安特紧固件有限公司", "130408", "永年区标准件产业集群", "装备制造", 28_600, 3.92m, DemoFate.AtProvince, "高强度螺栓"),
        new("邯郸市永年区恒力标准件有限公司", "130408", "永年区标准件产业集群", "装备制造", 19_300, 3.61m, DemoFate.AtCounty, "螺母、垫圈"),
        new("邯郸市永年区东方五金制品有限公司", "130408", "永年区标准件产业集群", "装备制造", 11_200, 3.72m, DemoFate.PoolAtCounty, "膨胀螺栓、五金件"),
        new("清河县宏业羊绒有限公司", "130534", "清河县羊绒及制品产业集群", "纺织", 53_200, 3.34m, DemoFate.Authorised, "无毛绒、羊绒纱线"),
        new("清河县雪驰绒毛制品有限公司", "130534", "清河县羊绒及制品产业集群", "纺织", 24_100, 3.02m, DemoFate.ObjectionUpheld, "羊绒衫、围巾"),
        new("邢台市南和区派乐宠物食品有限公司", "130506", "南和区宠物食品产业集群", "食品", 31_800, 3.18m, DemoFate.AuthorisedObjectionDismissed, "犬猫主粮、宠物零食"),
        new("邢台市南和区佳禾宠物用品有限公司", "130506", "南和区宠物食品产业集群", "食品", 12_900, 3.41m, DemoFate.Shortlisted, "宠物冻干食品"),
        new("平乡县乐骑童车有限公司", "130532", "平乡县自行车及童车产业集群", "轻工", 16_700, 3.13m, DemoFate.AtCity, "儿童自行车、滑板车"),
        new("平乡县驰远自行车有限公司", "130532", "平乡县自行车及童车产业集群", "轻工", 10_800, 2.83m, DemoFate.RejectedByCounty, "山地自行车"),
        new("宁晋县晶辉光伏材料有限公司", "130528", "宁晋县光伏及单晶硅产业集群", "新能源", 142_000, 4.82m, DemoFate.Authorised, "单晶硅片、光伏组件", Listed: true),
        new("宁晋县日升单晶硅有限公司", "130528", "宁晋县光伏及单晶硅产业集群", "新能源", 67_300, 3.93m, DemoFate.AtProvince, "单晶硅棒"),
        new("沙河市金彩玻璃有限公司", "130582", "沙河市玻璃产业集群", "建材", 35_600, 3.24m, DemoFate.InPublicity, "浮法玻璃、镀膜玻璃"),
        new("沙河市德润玻璃深加工有限公司", "130582", "沙河市玻璃产业集群", "建材", 14_200, 3.11m, DemoFate.Drafting, "中空玻璃、钢化玻璃"),
        new("安国市药都本草饮片有限公司", "130683", "安国市现代中药产业集群", "生物医药", 27_400, 4.12m, DemoFate.Authorised, "中药饮片"),
        new("安国市祁州中药材有限公司", "130683", "安国市现代中药产业集群", "生物医药", 13_500, 3.22m, DemoFate.AtCounty, "道地中药材"),
        new("安国市神农中药饮片有限公司", "130683", "安国市现代中药产业集群", "生物医药", 9_600, 3.74m, DemoFate.PoolOnly, "配方颗粒"),
        new("高碑店市白沟新城丽达箱包有限公司", "130684", "高碑店市白沟箱包产业集群", "轻工", 22_800, 3.33m, DemoFate.Shortlisted, "拉杆箱、旅行包"),
        new("高碑店市雅途箱包制造有限公司", "130684", "高碑店市白沟箱包产业集群", "轻工", 11_900, 3.04m, DemoFate.AtCity, "双肩包、电脑包"),
        new("定州市健翔体育器材有限公司", "130682", "定州市体育用品产业集群", "轻工", 26_500, 3.62m, DemoFate.Authorised, "田径器材、球类器材"),
        new("定州市奥德健身器材有限公司", "130682", "定州市体育用品产业集群", "轻工", 18_400, 3.21m, DemoFate.AtProvince, "室外健身路径"),
        new("定州市康力体育用品有限公司", "130682", "定州市体育用品产业集群", "轻工", 9_200, 3.14m, DemoFate.PoolAtCity, "举重器材"),
        new("雄县恒源塑料包装有限公司", "130638", "雄县塑料包装产业集群", "化工", 33_700, 3.42m, DemoFate.Authorised, "复合软包装"),
        new("雄县宏达彩印包装有限公司", "130638", "雄县塑料包装产业集群", "化工", 14_800, 2.41m, DemoFate.RejectedByProvince, "彩印包装袋"),
        new("容城县杰斯服饰有限公司", "130629", "容城县服装产业集群", "纺织", 17_600, 3.23m, DemoFate.AtProvince, "衬衫、西装"),
        new("容城县雅菲服装有限公司", "130629", "容城县服装产业集群", "纺织", 8_600, 3.31m, DemoFate.Drafting, "女装"),
        new("安新县三台鑫源鞋业有限公司", "130632", "安新县制鞋产业集群", "轻工", 12_300, 3.12m, DemoFate.InPublicityObjected, "休闲鞋、运动鞋"),
        new("平泉市森源食用菌有限公司", "130881", "平泉市食用菌产业集群", "食品", 15_800, 3.22m, DemoFate.Authorised, "香菇、滑子菇"),
        new("平泉市瀑河菌业有限公司", "130881", "平泉市食用菌产业集群", "食品", 7_200, 3.03m, DemoFate.AtCounty, "食用菌菌棒"),
        new("泊头市恒瑞铸造有限公司", "130981", "泊头市铸造产业集群", "装备制造", 41_200, 3.83m, DemoFate.Authorised, "汽车模具铸件"),
        new("泊头市华北铸件有限公司", "130981", "泊头市铸造产业集群", "装备制造", 16_900, 3.42m, DemoFate.AtCity, "机床铸件"),
        new("河间市瀛州汽车配件有限公司", "130984", "河间市汽车零部件产业集群", "汽车及零部件", 29_800, 4.21m, DemoFate.AtProvince, "起动机、发电机"),
        new("河间市宏远汽车零部件有限公司", "130984", "河间市汽车零部件产业集群", "汽车及零部件", 12_100, 3.92m, DemoFate.RejectedByCity, "制动器总成"),
        new("霸州市胜芳华艺家具有限公司", "131081", "霸州市家具产业集群", "轻工", 36_400, 3.31m, DemoFate.Authorised, "金属玻璃家具"),
        new("霸州市金亿家具制造有限公司", "131081", "霸州市家具产业集群", "轻工", 15_700, 3.12m, DemoFate.Shortlisted, "实木家具"),
        new("大城县绿源保温材料有限公司", "131025", "大城县保温建材产业集群", "建材", 19_900, 3.21m, DemoFate.AtCounty, "岩棉板、挤塑板"),
        new("大城县金泰建材有限公司", "131025", "大城县保温建材产业集群", "建材", 8_300, 2.92m, DemoFate.PoolOnly, "保温装饰一体板"),
        new("安平县金石丝网制品有限公司", "131125", "安平县丝网产业集群", "装备制造", 31_200, 4.03m, DemoFate.Authorised, "不锈钢过滤网"),
        new("安平县瑞通金属丝网有限公司", "131125", "安平县丝网产业集群", "装备制造", 13_800, 3.62m, DemoFate.InPublicity, "护栏网、钢格板"),
        new("枣强县华通玻璃钢有限公司", "131121", "枣强县玻璃钢产业集群", "建材", 21_700, 3.34m, DemoFate.AtCity, "玻璃钢冷却塔"),
        new("枣强县恒力复合材料有限公司", "131121", "枣强县玻璃钢产业集群", "建材", 9_900, 3.12m, DemoFate.PoolApplying, "玻璃钢管道"),
        new("辛集市东明皮革有限公司", "130181", "辛集市皮革皮具产业集群", "轻工", 44_500, 3.22m, DemoFate.Authorised, "牛皮革、汽车座椅革"),
        new("辛集市华丰皮衣制品有限公司", "130181", "辛集市皮革皮具产业集群", "轻工", 17_300, 3.31m, DemoFate.AtProvince, "皮衣、皮草"),
        new("辛集市瑞祥皮具有限公司", "130181", "辛集市皮革皮具产业集群", "轻工", 10_400, 3.02m, DemoFate.AtCounty, "皮具、箱包"),
        new("清河县雪莲羊绒制品有限公司", "130534", "清河县羊绒及制品产业集群", "纺织", 11_600, 3.13m, DemoFate.Drafting, "羊绒针织品"),
        new("晋州市宏兴棉纺有限公司", "130183", "晋州市纺织服装产业集群", "纺织", 6_400, 2.15m, DemoFate.PoolRejected, "棉纱"),
    ];

    /// <summary>Invented people (legal representatives, contacts, objectors): a surname and a given name picked by index.</summary>
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "郭", "何", "高", "林"];
    private static readonly string[] GivenNames = ["建国", "志强", "秀兰", "海燕", "立新", "红梅", "文博", "丽娟", "国庆", "晓东", "春生", "淑芬", "振华", "玉珍", "永刚", "雅婷", "明远", "桂英", "宏伟"];

    public static string Person(int index, int salt) =>
        Surnames[(index * 7 + salt * 5) % Surnames.Length] + GivenNames[(index * 11 + salt * 3) % GivenNames.Length];

    /// <summary>Upstream and downstream partners in the same cluster (invented, with valid codes).</summary>
    public static readonly (string Suffix, string Relation, string Content)[] Partners =
    [
        ("原辅材料有限公司", "上游", "原辅材料供应"),
        ("精工配套有限公司", "配套协作", "零部件加工与检测"),
        ("商贸物流有限公司", "下游", "产品销售与仓储物流"),
    ];
}
