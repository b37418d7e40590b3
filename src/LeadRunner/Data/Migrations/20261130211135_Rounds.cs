using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class Rounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RoundYear",
                table: "WorkflowInstances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoundYear",
                table: "SiteItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoundYear",
                table: "IssuedDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "IssuedDocuments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoundYear",
                table: "FormSubmissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "EligibilityRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "Rounds",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    NoticeDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PinsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rounds", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_RoundYear_DefinitionId_Status",
                table: "WorkflowInstances",
                columns: new[] { "RoundYear", "DefinitionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Rounds");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_RoundYear_DefinitionId_Status",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "RoundYear",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "RoundYear",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "RoundYear",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "RoundYear",
                table: "FormSubmissions");

            migrationBuilder.DropColumn(
                name: "Enabled",
                table: "EligibilityRules");
        }
    }
}
