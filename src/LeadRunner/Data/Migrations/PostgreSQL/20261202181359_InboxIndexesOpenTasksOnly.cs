using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class InboxIndexesOpenTasksOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_Role_CountyCode_DueAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_Role_DueAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_Role_EnterpriseId_DueAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_Role_UnitCode_DueAt",
                table: "Tasks");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_DueAt",
                table: "Timers",
                column: "DueAt",
                filter: "\"Status\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Role_CountyCode_DueAt",
                table: "Tasks",
                columns: new[] { "Role", "CountyCode", "DueAt" },
                filter: "\"Status\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Role_EnterpriseId_DueAt",
                table: "Tasks",
                columns: new[] { "Role", "EnterpriseId", "DueAt" },
                filter: "\"Status\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Role_UnitCode_DueAt",
                table: "Tasks",
                columns: new[] { "Role", "UnitCode", "DueAt" },
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Timers_DueAt",
                table: "Timers");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Role_CountyCode_DueAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Role_EnterpriseId_DueAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Role_UnitCode_DueAt",
                table: "Tasks");

            migrationBuilder.CreateIndex(
                name: "IX_Timers_Status_DueAt",
                table: "Timers",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_Role_CountyCode_DueAt",
                table: "Tasks",
                columns: new[] { "Status", "Role", "CountyCode", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_Role_DueAt",
                table: "Tasks",
                columns: new[] { "Status", "Role", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_Role_EnterpriseId_DueAt",
                table: "Tasks",
                columns: new[] { "Status", "Role", "EnterpriseId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_Role_UnitCode_DueAt",
                table: "Tasks",
                columns: new[] { "Status", "Role", "UnitCode", "DueAt" });
        }
    }
}
