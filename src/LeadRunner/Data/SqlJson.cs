namespace LeadRunner.Data;

/// <summary>SQLite's JSON functions, for filtering on a value inside a JSON text column in the database rather than in memory.</summary>
public static class SqlJson
{
    /// <summary>
    /// <c>json_extract(json, path)</c> of a number or a boolean (SQLite gives true as 1, false as 0); null when the
    /// path is missing or null. Translated by the query only; calling it directly is a mistake.
    /// </summary>
    public static long? Number(string json, string path) => throw new InvalidOperationException("SqlJson.Number 只能在数据库查询中使用。");
}
