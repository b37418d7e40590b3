using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LeadRunner.Uploads;
using LeadRunner.Workflow.Runtime;

namespace LeadRunner.Demo;

/// <summary>What each person of the demo round filed: the pool and application forms, the county's review, and their files.</summary>
public sealed partial class DemoRound
{
    private decimal Money(decimal wan) => Math.Round(wan * _perWan, 2);

    private async Task<JsonObject> PoolFormAsync(Firm firm, CancellationToken ct)
    {
        var form = Common(firm);
        var f = firm.Data;
        form["mainProducts"] = f.Products;
        form["legalStatusStatement"] = $"企业在{firm.CountyName}注册，具有独立法人资格，主营{f.Products}，已纳入{f.Cluster}统计范围。";
        form["financeQualityStatement"] = $"2023 年营业收入 {f.RevenueWan:N0} 万元，近三年年均增长 8% 以上；通过 ISO 9001 质量管理体系认证，主导产品省内市场占有率 {MarketShare(firm)}%。";
        form["innovationStatement"] = $"研发投入占营业收入 {f.RdPercent}%，拥有有效专利 {12 + firm.Index % 17} 项，其中发明专利 {2 + firm.Index % 5} 项。";
        form["socialResponsibilityStatement"] = $"吸纳当地就业 {180 + firm.Index * 13 % 600} 人，连续三年纳税信用等级 A 级，积极参与乡村振兴和公益捐助。";
        form["complianceDeclared"] = true;
        form["evidenceFiles"] = await FilesAsync(firm.Actor, firm.EnterpriseId, ct, "营业执照.pdf", "2023年度财务审计报告.pdf");
        return form;
    }

    private async Task<JsonObject> ApplicationFormAsync(Firm firm, CancellationToken ct)
    {
        var f = firm.Data;
        var form = Common(firm);
        var rank = 1 + firm.Index % 9;
        var size = 90 + firm.Index * 37 % 400;
        form["applicationDate"] = "2024-09-02T00:00:00+08:00";
        form["listed"] = f.Listed;
        form["inCultivationPool"] = true;
        form["clusterRank"] = rank;
        form["clusterSize"] = size;
        form["marketShare"] = MarketShare(firm);
        form["financialHistory"] = new JsonArray(History(firm, 2022, 0.84m), History(firm, 2023, 0.92m));
        form["basicConditionsStatement"] = $"本企业于 2024 年 6 月纳入市级“领跑者”企业培育库，在{f.Cluster} {size} 家企业中营业收入排名第 {rank} 位，上年度研发投入占营业收入的 {f.RdPercent}%。";
        form["leadingRole"] = $"作为{f.Cluster}骨干企业，{f.Products}产销量居集群前列，带动上下游 {20 + firm.Index % 30} 家配套企业协同发展，牵头组建集群技术创新联盟，向集群企业开放检测和设计资源。";
        form["plans"] = $"2025—2027 年投资建设{f.Products}数字化车间，推进绿色化改造和品牌建设，力争营业收入年均增长 10% 以上。";
        var (category, item) = f.Listed
            ? ("资本助力", "已在上海、深圳、北京证券交易所或境外主要证券交易所上市")
            : Specials[firm.Index % Specials.Length];
        form["specialConditions"] = new JsonArray(new JsonObject
        {
            ["category"] = category, ["items"] = new JsonArray(item), ["evidence"] = await FilesAsync(firm.Actor, firm.EnterpriseId, ct, $"{item[..Math.Min(item.Length, 12)]}证明.pdf"),
        });
        form["partners"] = new JsonArray([.. DemoRoundData.Partners.Select((p, k) => (JsonNode)new JsonObject
        {
            ["name"] = $"{Place(f.Cluster)}{Brands[(firm.Index + k * 5) % Brands.Length]}{p.Suffix}",
            ["uscc"] = UsccOf(firm.Index * 3 + k, f.County, 'P'), ["inCluster"] = true, ["relation"] = p.Relation, ["content"] = p.Content,
            ["amount"] = Money(Math.Round(f.RevenueWan * (0.015m + k * 0.007m))),
        })]);
        form["claimsMerger"] = false;
        form["claimsSharedManufacturing"] = false;
        form["evidenceFiles"] = await FilesAsync(firm.Actor, firm.EnterpriseId, ct, "营业执照.pdf", "2023年度财务审计报告.pdf");
        form["sealedDocuments"] = await FilesAsync(firm.Actor, firm.EnterpriseId, ct, "申请报告（盖章）.pdf");
        form["declarationAccepted"] = true;
        return form;
    }

    private async Task<JsonObject> CountyFormAsync(Firm firm, Actor county, CancellationToken ct) => new()
    {
        ["statisticsCovered"] = true, ["noMajorAccident"] = true, ["materialsChecked"] = true,
        ["opinion"] = $"经审核，{firm.Data.Name}申报材料真实、合规，近三年未发生较大及以上安全、质量和环境污染事故，同意推荐。",
        ["sealedCertificate"] = await FilesAsync(county, null, ct, "县级工信部门有关情况证明（盖章）.pdf"),
    };

    private JsonObject Common(Firm firm)
    {
        var f = firm.Data;
        var revenue = f.RevenueWan;
        return new JsonObject
        {
            ["enterpriseName"] = f.Name, ["uscc"] = firm.Uscc, ["clusterName"] = f.Cluster, ["countyName"] = firm.CountyName, ["industry"] = f.Industry,
            ["legalRepresentative"] = DemoRoundData.Person(firm.Index, 1), ["address"] = $"河北省{firm.CountyName}{Place(f.Cluster)}产业园区{3 + firm.Index}号",
            ["contactName"] = DemoRoundData.Person(firm.Index, 2), ["contactPhone"] = $"139{31_000_000 + firm.Index * 104_729:D8}",
            ["contactEmail"] = $"office{firm.Index + 1:D2}@example.cn",
            ["revenue"] = Money(revenue), ["profit"] = Money(Math.Round(revenue * (0.055m + firm.Index % 5 * 0.008m), 2)),
            ["tax"] = Money(Math.Round(revenue * (0.026m + firm.Index % 3 * 0.004m), 2)), ["rdExpense"] = Money(Math.Round(revenue * f.RdPercent / 100m, 2)),
            ["marketShare"] = MarketShare(firm),
        };
    }

    private JsonObject History(Firm firm, int year, decimal share)
    {
        var revenue = Math.Round(firm.Data.RevenueWan * share, 2);
        return new JsonObject
        {
            ["year"] = year, ["revenue"] = Money(revenue), ["profit"] = Money(Math.Round(revenue * 0.06m, 2)),
            ["tax"] = Money(Math.Round(revenue * 0.028m, 2)), ["rdExpense"] = Money(Math.Round(revenue * firm.Data.RdPercent / 100m, 2)),
        };
    }

    private static decimal MarketShare(Firm firm) => 6m + firm.Index * 7 % 23 + 0.5m * (firm.Index % 2);

    /// <summary>The county (or city) part of a cluster's name, for partner names and addresses: “安平县丝网产业集群” → “安平县”.</summary>
    private static string Place(string cluster) => cluster[..(cluster.IndexOfAny(['县', '市', '区']) + 1)];

    private static readonly string[] Brands = ["鑫达", "兴隆", "永盛", "德信", "恒通", "华隆", "金源", "利民", "宏泰", "正元", "博远"];

    private static readonly (string Category, string Item)[] Specials =
    [
        ("科技创新", "省级及以上企业技术中心"),
        ("数字化智能化", "省级及以上数字化转型标杆企业"),
        ("科技创新", "专精特新“小巨人”企业"),
        ("绿色低碳", "省级及以上绿色制造名单企业"),
        ("质量品牌", "企业标准“领跑者”"),
    ];

    /// <summary>
    /// Files as the person would have uploaded them: one small PDF stored once (by its hash) and a row per upload,
    /// owned by the uploader (and bound to the enterprise when it is theirs).
    /// </summary>
    private async Task<JsonArray> FilesAsync(Actor owner, int? enterpriseId, CancellationToken ct, params string[] names)
    {
        var sha = await BlobAsync(ct);
        var files = new JsonArray();
        foreach (var name in names)
        {
            var file = new StoredFile
            {
                Id = Guid.CreateVersion7(DemoTime.Now!.Value), Sha256 = sha, FileName = name, ContentType = "application/pdf", Size = SamplePdf.Length,
                OwnerUserId = owner.UserId!, EnterpriseId = enterpriseId, CreatedAt = DemoTime.Now!.Value,
            };
            db.StoredFiles.Add(file);
            files.Add(new JsonObject
            {
                ["storage"] = "url", ["name"] = file.Id.ToString(), ["originalName"] = name, ["url"] = IUploadedFiles.UrlFor(file.Id),
                ["size"] = file.Size, ["type"] = "application/pdf",
            });
        }
        await db.SaveChangesAsync(ct);
        return files;
    }

    private string? _blob;

    private async Task<string> BlobAsync(CancellationToken ct)
    {
        if (_blob is null)
        {
            var sha = UploadStorage.ToHex(SHA256.HashData(SamplePdf));
            if (!File.Exists(storage.BlobPath(sha)))
            {
                var temp = storage.NewTempPath();
                await File.WriteAllBytesAsync(temp, SamplePdf, ct);
                storage.Promote(temp, sha);
            }
            _blob = sha;
        }
        return _blob;
    }

    /// <summary>A one-page PDF saying that it stands in for the real scan.</summary>
    private static readonly byte[] SamplePdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n" +
        "4 0 obj<</Length 35>>stream\nBT /F1 18 Tf 72 760 Td (2024) Tj ET\nendstream endobj\n" +
        "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
