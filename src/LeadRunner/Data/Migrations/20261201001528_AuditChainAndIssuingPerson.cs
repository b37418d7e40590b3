using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditChainAndIssuingPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IssuerName",
                table: "IssuedDocuments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IssuerUserName",
                table: "IssuedDocuments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientIp",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HashAlgorithm",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "SHA256");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "configuration");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName_At",
                table: "AuditEntries",
                columns: new[] { "UserName", "At" });

            // Entries written before this migration are chained at the next start (AuditChain.SealAsync), where audit_hash exists.
            migrationBuilder.Sql(LeadRunner.Audit.AuditChain.TriggersSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_Chain; DROP TRIGGER IF EXISTS AuditEntries_NoUpdate; DROP TRIGGER IF EXISTS AuditEntries_NoDelete;");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserName_At",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "IssuerName",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "IssuerUserName",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "ClientIp",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "HashAlgorithm",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEntries");
        }
    }
}
