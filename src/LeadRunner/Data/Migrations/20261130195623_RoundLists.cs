using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoundLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "EligibilityRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // rules that exist were all in force
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Enabled",
                table: "EligibilityRules");
        }
    }
}
