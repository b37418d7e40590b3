using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArtifactVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArtifactVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RetractedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetractedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RetractNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArtifactVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArtifactVersions_Kind_Key_Version",
                table: "ArtifactVersions",
                columns: new[] { "Kind", "Key", "Version" },
                unique: true);

            // Every version the five former tables held, kept with its author, time and note. Rule versions come first
            // and keep their ids, because a round pins its rule set by the id of the newest rule version.
            migrationBuilder.Sql("""
                INSERT INTO ArtifactVersions (Id, Kind, Key, Version, State, Title, Content, CreatedAt, CreatedBy, PublishedAt, PublishedBy, Note)
                SELECT v.Id, 'rule', v.RuleId, v.Version, 2, COALESCE(r.Title, v.RuleId), v.Json, v.At, v.By, v.At, v.By, v.Note
                FROM EligibilityRuleVersions v LEFT JOIN EligibilityRules r ON r.Id = v.RuleId ORDER BY v.Id;

                INSERT INTO ArtifactVersions (Kind, Key, Version, State, Title, Content, CreatedAt, CreatedBy, PublishedAt, PublishedBy, RetractedAt, RetractedBy, RetractNote, Note, BasedOnVersion)
                SELECT 'workflow', DefinitionId, Version, State, Title, Json, CreatedAt, CreatedBy, PublishedAt, PublishedBy, RetractedAt, RetractedBy, RetractNote, Note, BasedOnVersion
                FROM WorkflowVersions ORDER BY Id;

                INSERT INTO ArtifactVersions (Kind, Key, Version, State, Title, Content, CreatedAt, CreatedBy, PublishedAt, PublishedBy, Note, BasedOnVersion)
                SELECT 'form', FormKey, Version, CASE WHEN Version IS NULL THEN 1 ELSE 2 END, Title, Json, CreatedAt, CreatedBy, PublishedAt, PublishedBy, Note, BasedOnVersion
                FROM FormVersions ORDER BY Id;

                INSERT INTO ArtifactVersions (Kind, Key, Version, State, Title, Content, CreatedAt, CreatedBy, PublishedAt, PublishedBy, Note)
                SELECT 'template', v.Key, v.Version, 2, COALESCE(t.Title, v.Key), v.Text, v.At, v.By, v.At, v.By, v.Note
                FROM DocumentTemplateVersions v LEFT JOIN DocumentTemplates t ON t.Key = v.Key ORDER BY v.Id;

                INSERT INTO ArtifactVersions (Kind, Key, Version, State, Title, Content, CreatedAt, CreatedBy, PublishedAt, PublishedBy, Note)
                SELECT 'settings', CAST(v.Year AS TEXT), v.Version, 2, COALESCE(p.Title, CAST(v.Year AS TEXT)), v.SettingsJson, v.CreatedAt, v.CreatedBy, v.CreatedAt, v.CreatedBy, v.Note
                FROM ProgrammeVersions v LEFT JOIN Programmes p ON p.Year = v.Year ORDER BY v.Id;
                """);

            migrationBuilder.DropTable(
                name: "DocumentTemplateVersions");

            migrationBuilder.DropTable(
                name: "EligibilityRuleVersions");

            migrationBuilder.DropTable(
                name: "FormVersions");

            migrationBuilder.DropTable(
                name: "ProgrammeVersions");

            migrationBuilder.DropTable(
                name: "WorkflowVersions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArtifactVersions");

            migrationBuilder.CreateTable(
                name: "DocumentTemplateVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentTemplateVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EligibilityRuleVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibilityRuleVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FormVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FormKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DefinitionId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RetractNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RetractedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetractedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentTemplateVersions_Key_Version",
                table: "DocumentTemplateVersions",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityRuleVersions_RuleId_Version",
                table: "EligibilityRuleVersions",
                columns: new[] { "RuleId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FormVersions_FormKey_Version",
                table: "FormVersions",
                columns: new[] { "FormKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeVersions_Year_Version",
                table: "ProgrammeVersions",
                columns: new[] { "Year", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowVersions_DefinitionId_Version",
                table: "WorkflowVersions",
                columns: new[] { "DefinitionId", "Version" },
                unique: true);
        }
    }
}
