namespace LeadRunner.Cms;

/// <summary>Where a paged public list stands; <see cref="Prefix"/> is the list's address ending in "?" or "&amp;".</summary>
public sealed record Pager(int Total, int Page, int PageSize, string Prefix)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string UrlOf(int page) => page <= 1 && Prefix.EndsWith('?') ? Prefix.TrimEnd('?') : $"{Prefix}page={page}";
}
