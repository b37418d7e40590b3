using LeadRunner.Cms;

namespace LeadRunner.Publicity;

/// <summary>A 公示's first and last day (China dates): written when it is published, counted on the working-day calendar.</summary>
public static class PublicityWindow
{
    public static (DateOnly Opens, DateOnly Closes) Of(SiteItem item)
    {
        var opens = item.OpensOn ?? item.DocumentDate;
        return (opens, item.ClosesOn ?? opens);
    }
}
