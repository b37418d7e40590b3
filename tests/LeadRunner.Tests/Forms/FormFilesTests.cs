using System.Text.Json.Nodes;
using LeadRunner.Forms;
using LeadRunner.Hosting;
using LeadRunner.Rounds;

namespace LeadRunner.Tests.Forms;

/// <summary>Every seed form in workflows/forms loads as a schema the server validates, and keeps the shared data contract.</summary>
public class FormFilesTests
{
    private static readonly string Folder = FormSeed.Folder(RepositoryLayout.FindRoot(AppContext.BaseDirectory)!);

    private static readonly string[] ExpectedKeys = ["application", "change-filing", "city-recommendation", "county-review", "objection", "pool-entry", "quarterly-update", "re-review", "revocation-statement", "support-claim"];

    public static TheoryData<string> Files() => [.. Directory.EnumerateFiles(Folder, "*.form.json").Select(Path.GetFileName).OfType<string>()];

    private static FormDefinition Load(string key) => FormSchemaReader.Read(File.ReadAllText(Path.Combine(Folder, key + ".form.json"))).Definition!;

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryFormFile_ParsesAsASupportedSchema_WithKeyMatchingItsFileName(string file)
    {
        var result = FormSchemaReader.Read(File.ReadAllText(Path.Combine(Folder, file)));
        Assert.True(result.Definition is not null, string.Join("\n", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
        Assert.Equal(file[..^".form.json".Length], result.Definition!.Key);
    }

    [Fact]
    public void FormFolder_HoldsTheFormsOfTheProcess()
    {
        Assert.Equal(ExpectedKeys, Directory.EnumerateFiles(Folder, "*.form.json").Select(f => Path.GetFileName(f)[..^".form.json".Length]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ObjectionForm_IsPublic_OthersNeedLogin()
    {
        Assert.All(ExpectedKeys, key => Assert.Equal(key == "objection" ? FormAccess.Public : FormAccess.Login, Load(key).Access));
    }

    [Fact]
    public void ApplicationForm_HasEveryTopLevelKeyOfTheDataContract()
    {
        string[] expected =
        [
            "enterpriseName", "uscc", "clusterName", "countyName", "industry", "legalRepresentative", "address", "contactName", "contactPhone",
            "contactEmail", "applicationDate", "listed", "clusterRank", "clusterSize", "revenue", "profit", "tax", "rdExpense",
            "marketShare", "financialHistory", "basicConditionsStatement", "leadingRole", "plans", "specialConditions", "partners", "claimsMerger",
            "merger", "claimsSharedManufacturing", "sharedManufacturing", "evidenceFiles", "sealedDocuments", "declarationAccepted",
        ];
        var top = DataFields(Load("application").Components).ToDictionary(c => c.Key!);
        Assert.Empty(expected.Except(top.Keys));
        Assert.DoesNotContain("inCultivationPool", top.Keys); // pool membership is the city's record, not a claim
        Assert.Equal("uscc", top["uscc"].Type);
        Assert.Equal("phoneNumber", top["contactPhone"].Type);
        Assert.Equal("email", top["contactEmail"].Type);
        Assert.Equal(RoundListSet.IndustriesList, top["industry"].RoundList);
        Assert.Equal((2, 2), (top["financialHistory"].MinLength, top["financialHistory"].MaxLength));
        Assert.Equal((1, 20), (top["specialConditions"].MinLength, top["specialConditions"].MaxLength));
        Assert.Equal((0, 20), (top["partners"].MinLength, top["partners"].MaxLength));
        Assert.Equal(RoundListSet.SpecialCategoriesList, top["specialConditions"].Children.Single(c => c.Key == "category").RoundList);
        Assert.Equal(RoundListSet.PartnerRelationsList, top["partners"].Children.Single(c => c.Key == "relation").RoundList);
        Assert.True(Load("application").UsesRoundLists);
        Assert.Equal(["name", "uscc", "inCluster", "relation", "content", "amount"], top["partners"].Children.Select(c => c.Key));
        Assert.Equal(["year", "revenue", "profit", "tax", "rdExpense"], top["financialHistory"].Children.Select(c => c.Key));
        Assert.Equal(["parties", "form", "amount", "completionDate", "registrationChange", "mainBusinessLocation", "chainEffect"], top["merger"].Children.Select(c => c.Key));
        Assert.Equal("claimsMerger", top["merger"].Conditional!.Clauses.Single().Path.Single());
        Assert.Equal(["platform", "capacityShared", "servicesShared", "innovationShared", "usersServed", "results"], top["sharedManufacturing"].Children.Select(c => c.Key));
        Assert.Equal([".pdf"], top["sealedDocuments"].File!.Patterns);
        Assert.True(top["declarationAccepted"].Required);
    }

    [Fact]
    public void ReviewForms_HaveTheKeysTheWorkflowAndTemplatesRead()
    {
        Assert.Equal(["statisticsCovered", "noMajorAccident", "materialsChecked", "opinion", "sealedCertificate"], DataFields(Load("county-review").Components).Select(c => c.Key));
        var city = DataFields(Load("city-recommendation").Components).ToList();
        Assert.Equal(["rank", "opinion"], city.Select(c => c.Key));
        Assert.Equal(1m, city[0].Min);
    }

    private static IEnumerable<FormComponent> DataFields(IEnumerable<FormComponent> components) =>
        components.SelectMany(c => c.Kind == ComponentKind.Layout ? DataFields(c.Children) : c.Kind == ComponentKind.Static ? [] : [c]);

    [Fact]
    public void SeedFiles_AreStoredAsTheSameJsonTheyContain()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "application.form.json"));
        var read = FormSchemaReader.Read(text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(FormKind.Normalise(read.Json!))));
    }
}
