using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class LookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_OwnerUserId_CreatedAt",
                table: "StoredFiles",
                columns: new[] { "OwnerUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CountyCode",
                table: "AspNetUsers",
                column: "CountyCode");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_UnitCode",
                table: "AspNetUsers",
                column: "UnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StoredFiles_OwnerUserId_CreatedAt",
                table: "StoredFiles");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CountyCode",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_UnitCode",
                table: "AspNetUsers");
        }
    }
}
