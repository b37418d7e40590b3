using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadRunner.Data.Migrations
{
    /// <inheritdoc />
    public partial class SiteSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The public items' text for site search (Cms/Search/SiteSearch.cs). Trigrams find Chinese words without a
            // word list; the triggers keep only public rows (published, not withdrawn), so search cannot leak a draft.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE SiteSearch USING fts5(Title, Summary, Body, tokenize = 'trigram');");
            migrationBuilder.Sql("""
                CREATE TRIGGER SiteSearch_Insert AFTER INSERT ON SiteItems
                WHEN new.PublishedAt IS NOT NULL AND new.WithdrawnAt IS NULL
                BEGIN
                    INSERT INTO SiteSearch (rowid, Title, Summary, Body) VALUES (new.Id, new.Title, new.Summary, new.BodyMarkdown);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SiteSearch_Update AFTER UPDATE OF Title, Summary, BodyMarkdown, PublishedAt, WithdrawnAt ON SiteItems
                BEGIN
                    DELETE FROM SiteSearch WHERE rowid = old.Id;
                    INSERT INTO SiteSearch (rowid, Title, Summary, Body)
                    SELECT new.Id, new.Title, new.Summary, new.BodyMarkdown WHERE new.PublishedAt IS NOT NULL AND new.WithdrawnAt IS NULL;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SiteSearch_Delete AFTER DELETE ON SiteItems
                BEGIN
                    DELETE FROM SiteSearch WHERE rowid = old.Id;
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO SiteSearch (rowid, Title, Summary, Body)
                SELECT Id, Title, Summary, BodyMarkdown FROM SiteItems WHERE PublishedAt IS NOT NULL AND WithdrawnAt IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SiteSearch_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SiteSearch_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SiteSearch_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS SiteSearch;");
        }
    }
}
