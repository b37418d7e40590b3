using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class SeparatedAdministrators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // 三员分立: the former all-powerful "admin" role becomes the system administrator; security administrator
            // and auditor roles are created by the seeders.
            migrationBuilder.Sql("UPDATE AspNetRoles SET Name = 'sysadmin', NormalizedName = 'SYSADMIN' WHERE NormalizedName = 'ADMIN';");
            migrationBuilder.Sql("UPDATE ArtifactVersions SET Content = replace(Content, '\"role\": \"admin\"', '\"role\": \"sysadmin\"') WHERE Kind = 'workflow';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE AspNetRoles SET Name = 'admin', NormalizedName = 'ADMIN' WHERE NormalizedName = 'SYSADMIN';");
        }
    }
}
