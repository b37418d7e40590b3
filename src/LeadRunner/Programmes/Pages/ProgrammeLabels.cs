namespace LeadRunner.Programmes.Pages;

/// <summary>Chinese names of settings, for error messages and comparisons people read.</summary>
public static class ProgrammeLabels
{
    private static readonly (string Prefix, string Label)[] Labels =
    [
        ("$.year", "年度"), ("$.title", "批次名称"), ("$.noticeDate", "通知日期"),
        ("$.deadlines.enterprise", "企业提交截止日期"), ("$.deadlines.county", "县级审核截止日期"), ("$.deadlines.city", "市级报送截止日期"),
        ("$.publicityWorkingDays", "公示工作日数"), ("$.rdThresholdTraditional", "传统行业研发投入占比门槛"), ("$.rdThreshold", "研发投入占比门槛"),
        ("$.industries", "行业"), ("$.minPartners", "集群内合作企业最少家数"), ("$.requirePoolMembership", "须已纳入培育库"), ("$.specialCategories", "专项条件"),
        ("$.partnerRelations", "合作关系"), ("$.moneyUnit", "金额单位"),
        ("$.support.equipmentSubsidyRate", "设备更新补助比例"), ("$.support.equipmentSubsidyCap", "设备更新补助上限"),
        ("$.support.mergerReward", "并购重组激励"), ("$.support.revenueMilestones", "营业收入台阶激励"), ("$.support.top500Reward", "首次进入500强激励"),
        ("$.quarterlyUpdate.calendarDaysAfterQuarterEnd", "季度数据更新期限（自然日）"), ("$.quarterlyUpdate.listedWorkingDaysAfterDisclosure", "上市企业更新期限（工作日）"), ("$.quarterlyUpdate.graceDays", "逾期未更新宽限期（自然日）"),
        ("$.reReviewYears", "复核周期（年）"), ("$.contact.person", "联系人"), ("$.contact.phone", "联系电话"), ("$.contact.address", "地址"), ("$.deadlines", "截止日期"),
        ("$.support", "支持政策"), ("$.quarterlyUpdate", "动态管理"), ("$.contact", "联系方式"),
    ];

    public static string For(string path) =>
        Labels.FirstOrDefault(l => path == l.Prefix || path.StartsWith(l.Prefix + ".", StringComparison.Ordinal) || path.StartsWith(l.Prefix + "[", StringComparison.Ordinal)) is { Label: { } label }
            ? label + (path.Length > 0 && path.Contains('[', StringComparison.Ordinal) ? $"（{path}）" : "")
            : path;
}
