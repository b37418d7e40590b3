using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class Holders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TitleHolders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Listed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CertificateCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    GrantedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReReviewDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TitleHolders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TitleHolders_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HolderEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HolderId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    InstanceId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HolderEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HolderEvents_TitleHolders_HolderId",
                        column: x => x.HolderId,
                        principalTable: "TitleHolders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Obligations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HolderId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DisclosureDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InstanceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Obligations_TitleHolders_HolderId",
                        column: x => x.HolderId,
                        principalTable: "TitleHolders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupportClaims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HolderId = table.Column<long>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    OnceKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Figures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    InstanceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportClaims_TitleHolders_HolderId",
                        column: x => x.HolderId,
                        principalTable: "TitleHolders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HolderEvents_HolderId_At",
                table: "HolderEvents",
                columns: new[] { "HolderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_HolderEvents_Public_At",
                table: "HolderEvents",
                columns: new[] { "Public", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_HolderId_Kind_Period",
                table: "Obligations",
                columns: new[] { "HolderId", "Kind", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_InstanceId",
                table: "Obligations",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Obligations_Kind_DueDate",
                table: "Obligations",
                columns: new[] { "Kind", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportClaims_EnterpriseId_OnceKey",
                table: "SupportClaims",
                columns: new[] { "EnterpriseId", "OnceKey" },
                unique: true,
                filter: "\"Status\" <> 3");

            migrationBuilder.CreateIndex(
                name: "IX_SupportClaims_HolderId",
                table: "SupportClaims",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_SupportClaims_Year_Status",
                table: "SupportClaims",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TitleHolders_EnterpriseId_Year",
                table: "TitleHolders",
                columns: new[] { "EnterpriseId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TitleHolders_Status_Year",
                table: "TitleHolders",
                columns: new[] { "Status", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HolderEvents");

            migrationBuilder.DropTable(
                name: "Obligations");

            migrationBuilder.DropTable(
                name: "SupportClaims");

            migrationBuilder.DropTable(
                name: "TitleHolders");
        }
    }
}
