namespace LeadRunner.Rounds;

public static class RoundLabels
{
    public static string Status(RoundStatus status) => status switch
    {
        RoundStatus.Draft => "筹备中",
        RoundStatus.Open => "已开放",
        RoundStatus.Closed => "已截止",
        RoundStatus.Archived => "已归档",
        _ => status.ToString(),
    };

    public static string Key(RoundStatus status) => status.ToString().ToLowerInvariant();
}
