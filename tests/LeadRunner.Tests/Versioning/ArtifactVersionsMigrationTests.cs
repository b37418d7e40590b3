using LeadRunner.Data;
using LeadRunner.Tests.TestHost;
using LeadRunner.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LeadRunner.Tests.Versioning;

/// <summary>An installation from before the shared versioning keeps every version of all five kinds, with who, when and why.</summary>
public class ArtifactVersionsMigrationTests
{
    private const string BeforeSharedVersioning = "20261130211135_Rounds";

    // Raw SQL goes through string.Format: the JSON's braces are doubled to stay literal.
    private static string Literal(string sql) => sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    [Fact]
    public async Task Migration_MovesEveryFormerVersion_KeepingRuleVersionIdsThatRoundsPin()
    {
        var path = LeadRunnerFactory.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var options = new DbContextOptionsBuilder<LeadRunnerDb>().UseSqlite($"Data Source={path};Pooling=False").Options;
            await using (var db = new LeadRunnerDb(options))
            {
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync(BeforeSharedVersioning);
                await db.Database.ExecuteSqlRawAsync(Literal("""
                    INSERT INTO EligibilityRules (Id, Title, "Group", Expression, Explanation, Judgement, Enabled, SortOrder, Version, UpdatedAt, UpdatedBy)
                        VALUES ('partners', '合作企业', 'basic', 'true', '说明', 0, 1, 1, 2, 0, 'admin');
                    INSERT INTO EligibilityRuleVersions (Id, RuleId, Version, Json, At, By, Note) VALUES
                        (1, 'partners', 1, '{"id":"partners","title":"旧"}', 100, '系统', '导入'),
                        (7, 'partners', 2, '{"id":"partners","title":"合作企业"}', 200, 'admin', '修改');
                    INSERT INTO WorkflowVersions (DefinitionId, Version, State, Title, Json, CreatedAt, CreatedBy, PublishedAt, PublishedBy, RetractedAt, RetractedBy, RetractNote, Note)
                        VALUES ('pool-entry', 1, 3, '入库', '{"id":"pool-entry"}', 10, '系统', 11, '系统', 12, 'admin', '有误', '首版'),
                               ('pool-entry', NULL, 1, '入库', '{"id":"pool-entry","draft":true}', 13, 'admin', NULL, NULL, NULL, NULL, NULL, NULL);
                    INSERT INTO FormVersions (FormKey, Version, Title, Json, CreatedAt, CreatedBy, PublishedAt, PublishedBy, Note)
                        VALUES ('county-review', 1, '县级审核', '{}', 20, '系统', 20, '系统', '载入'), ('county-review', NULL, '县级审核', '{"d":1}', 21, 'admin', NULL, NULL, NULL);
                    INSERT INTO DocumentTemplates (Key, Title, Binds, HasBlank, Version, Text, UpdatedAt, UpdatedBy) VALUES ('notice', '通知', 'programme', 0, 1, 'T', 30, '文件');
                    INSERT INTO DocumentTemplateVersions (Key, Version, Text, At, By, Note) VALUES ('notice', 1, 'T', 30, '文件', '载入');
                    INSERT INTO Programmes (Year, Title, CurrentVersion, SettingsJson) VALUES (2024, '2024年度', 1, '{"year":2024}');
                    INSERT INTO ProgrammeVersions (Year, Version, SettingsJson, CreatedAt, CreatedBy, Note) VALUES (2024, 1, '{"year":2024}', 40, '系统', '导入');
                    """));
                await migrator.MigrateAsync();
            }
            await using (var db = new LeadRunnerDb(options))
            {
                var rows = await db.ArtifactVersions.AsNoTracking().OrderBy(v => v.Id).ToListAsync();
                Assert.Equal(["rule", "rule", "workflow", "workflow", "form", "form", "template", "settings"], rows.Select(v => v.Kind));
                Assert.Equal([1, 7], rows.Where(v => v.Kind == "rule").Select(v => v.Id));
                var rule = rows.Single(v => v.Kind == "rule" && v.Version == 2);
                Assert.Equal(("partners", "合作企业", "admin", "修改", VersionState.Published), (rule.Key, rule.Title, rule.PublishedBy, rule.Note, rule.State));

                var retracted = rows.Single(v => v.Kind == "workflow" && v.Version == 1);
                Assert.Equal((VersionState.Retracted, "admin", "有误", "首版"), (retracted.State, retracted.RetractedBy, retracted.RetractNote, retracted.Note));
                Assert.Single(rows, v => v.Kind == "workflow" && v.State == VersionState.Draft);
                Assert.Equal([VersionState.Published, VersionState.Draft], rows.Where(v => v.Kind == "form").Select(v => v.State));

                var template = rows.Single(v => v.Kind == "template");
                Assert.Equal(("notice", "通知", "T", 1), (template.Key, template.Title, template.Content, template.Version));
                var settings = rows.Single(v => v.Kind == "settings");
                Assert.Equal(("2024", "2024年度", "导入"), (settings.Key, settings.Title, settings.Note));
                Assert.Equal(new DateTimeOffset(40, TimeSpan.Zero), settings.PublishedAt);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
