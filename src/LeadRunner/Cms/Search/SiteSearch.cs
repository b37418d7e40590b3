using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LeadRunner.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadRunner.Cms.Search;

/// <summary>
/// Search over the public items' titles, summaries and bodies: the table SiteSearch, kept to public rows by triggers on
/// SiteItems (the initial migrations). On SQLite it is an FTS5 table (trigram tokenizer): terms of three or more characters
/// use MATCH; shorter ones (Chinese words are often two characters) cannot be trigram-matched, so such a query scans the
/// same table with LIKE. On PostgreSQL every query is an ILIKE scan, served by a trigram index.
/// </summary>
public sealed partial class SiteSearch(LeadRunnerDb db)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 100;
    private const int MaxTerms = 5;

    // Private-use characters mark highlights inside the text until it is HTML-encoded; they never reach the page.
    private const char Open = '\uE000';
    private const char Close = '\uE001';

    public sealed record Hit(SiteItemKind Kind, string Slug, DateOnly DocumentDate, IHtmlContent Title, IHtmlContent Snippet)
    {
        public string Url => SiteSections.UrlOf(Kind, Slug);
    }

    public sealed record Results(int Total, int Page, IReadOnlyList<Hit> Hits);

    private sealed record Row(int Id, SiteItemKind Kind, string Slug, DateOnly DocumentDate, string Title, string Summary, string Body);

    /// <summary>The words of a query, as searched: split on spaces, each one taken literally.</summary>
    public static IReadOnlyList<string> Terms(string query) =>
        [.. query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal))
            .Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms)];

    public async Task<Results> SearchAsync(string query, int page, CancellationToken ct)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return new Results(0, 1, []);
        }
        return db.Database.IsSqlite() && terms.All(t => t.Length >= 3) ? await MatchAsync(terms, page, ct) : await ScanAsync(terms, page, ct);
    }

    private async Task<Results> MatchAsync(IReadOnlyList<string> terms, int page, CancellationToken ct)
    {
        // Each term a quoted phrase: quotes, *, OR, NEAR and parentheses in a query are text to find, not FTS syntax.
        var match = string.Join(' ', terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var total = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM SiteSearch WHERE SiteSearch MATCH @q",
            new SqliteParameter("q", match)).SingleAsync(ct);
        page = ClampPage(page, total);
        var rows = await db.Database.SqlQueryRaw<Row>(
            """
            SELECT i.Id, i.Kind, i.Slug, i.DocumentDate,
                   highlight(SiteSearch, 0, char(57344), char(57345)) AS Title, '' AS Summary,
                   snippet(SiteSearch, -1, char(57344), char(57345), '…', 40) AS Body
            FROM SiteSearch JOIN SiteItems i ON i.Id = SiteSearch.rowid
            WHERE SiteSearch MATCH @q
            ORDER BY bm25(SiteSearch), i.DocumentDate DESC
            LIMIT @take OFFSET @skip
            """,
            new SqliteParameter("q", match), new SqliteParameter("take", PageSize), new SqliteParameter("skip", (page - 1) * PageSize))
            .ToListAsync(ct);
        return new Results(total, page, [.. rows.Select(r => new Hit(r.Kind, r.Slug, r.DocumentDate, ToHtml(r.Title), ToHtml(Tidy(r.Body))))]);
    }

    private async Task<Results> ScanAsync(IReadOnlyList<string> terms, int page, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        var where = new StringBuilder("1 = 1");
        var patterns = new List<object>();
        for (var n = 0; n < terms.Count; n++)
        {
            patterns.Add("%" + EscapeLike(terms[n]) + "%");
            where.Append(sqlite
                ? string.Create(CultureInfo.InvariantCulture, $" AND (s.Title LIKE @t{n} ESCAPE '\\' OR s.Summary LIKE @t{n} ESCAPE '\\' OR s.Body LIKE @t{n} ESCAPE '\\')")
                : string.Create(CultureInfo.InvariantCulture, $" AND (s.\"Title\" || ' ' || s.\"Summary\" || ' ' || s.\"Body\") ILIKE @t{n} ESCAPE '\\'"));
        }
        // Only the parameter names vary in this SQL; the terms are parameters.
        var from = $"FROM \"SiteSearch\" s JOIN \"SiteItems\" i ON i.\"Id\" = s.{(sqlite ? "rowid" : "\"Id\"")} WHERE {where}";
        var count = "SELECT COUNT(*) AS \"Value\" " + from;
        var select = "SELECT i.\"Id\", i.\"Kind\", i.\"Slug\", i.\"DocumentDate\", s.\"Title\", s.\"Summary\", s.\"Body\" " + from
            + " ORDER BY i.\"DocumentDate\" DESC, i.\"Id\" DESC LIMIT @take OFFSET @skip";
        var total = await db.Database.SqlQueryRaw<int>(count, [.. Parameters(patterns)]).SingleAsync(ct);
        page = ClampPage(page, total);
        var rows = await db.Database.SqlQueryRaw<Row>(select, [.. Parameters([.. patterns, PageSize, (page - 1) * PageSize], "take", "skip")]).ToListAsync(ct);
        return new Results(total, page, [.. rows.Select(r => new Hit(r.Kind, r.Slug, r.DocumentDate,
            ToHtml(Mark(r.Title, terms)), ToHtml(Mark(Excerpt(Tidy(r.Summary + " " + r.Body), terms), terms))))]);
    }

    /// <summary>The terms as @t0, @t1…, then any named extras, as parameters of the provider in use.</summary>
    private IEnumerable<DbParameter> Parameters(List<object> values, params string[] extraNames)
    {
        var terms = values.Count - extraNames.Length;
        for (var i = 0; i < values.Count; i++)
        {
            var name = i < terms ? $"t{i}" : extraNames[i - terms];
            yield return db.Database.IsSqlite() ? new SqliteParameter(name, values[i]) : new Npgsql.NpgsqlParameter(name, values[i]);
        }
    }

    private static int ClampPage(int page, int total) => Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>About 80 characters around the first term found, as FTS5's snippet() would cut them.</summary>
    private static string Excerpt(string text, IReadOnlyList<string> terms)
    {
        var at = terms.Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, at - 30);
        var length = Math.Min(80, text.Length - start);
        return string.Concat(start > 0 ? "…" : "", text.AsSpan(start, length), start + length < text.Length ? "…" : "");
    }

    /// <summary>Surrounds every occurrence of the terms with the highlight markers.</summary>
    private static string Mark(string text, IReadOnlyList<string> terms)
    {
        var pattern = string.Join('|', terms.OrderByDescending(t => t.Length).Select(Regex.Escape));
        return Regex.Replace(text, pattern, m => Open + m.Value + Close, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Markdown punctuation (headings, tables, emphasis) is noise in a one-line excerpt.</summary>
    private static string Tidy(string text) => Whitespace().Replace(MarkdownPunctuation().Replace(text, " "), " ").Trim();

    /// <summary>Everything HTML-encoded, the markers turned into &lt;mark&gt;: bodies and queries cannot inject markup.</summary>
    private static HtmlString ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 32);
        var open = false;
        foreach (var part in marked.Split([Open, Close]).Select((text, index) => (text, index)))
        {
            if (part.index > 0)
            {
                html.Append(open ? "</mark>" : "<mark>");
                open = !open;
            }
            html.Append(WebUtility.HtmlEncode(part.text));
        }
        if (open)
        {
            html.Append("</mark>");
        }
        return new HtmlString(html.ToString());
    }

    [GeneratedRegex(@"[#*|>`]+|-{3,}|!?\[|\]\([^)]*\)")]
    private static partial Regex MarkdownPunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
