using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContentItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attachments",
                table: "SiteItems",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "CaseIds",
                table: "SiteItems",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosesOn",
                table: "SiteItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentNumber",
                table: "SiteItems",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormKey",
                table: "SiteItems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpensOn",
                table: "SiteItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "SiteItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SiteItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "SiteItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContentRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentRequests_SiteItems_SiteItemId",
                        column: x => x.SiteItemId,
                        principalTable: "SiteItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRequests_SiteItemId_State",
                table: "ContentRequests",
                columns: new[] { "SiteItemId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRequests_State_At",
                table: "ContentRequests",
                columns: new[] { "State", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentRequests");

            migrationBuilder.DropColumn(
                name: "Attachments",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "CaseIds",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "ClosesOn",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "DocumentNumber",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "FormKey",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "OpensOn",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SiteItems");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "SiteItems");
        }
    }
}
