using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Programmes.Eligibility;

/// <summary>
/// One condition of the guideline as data: a Scriban expression over the application (<c>app</c>) and the year's
/// settings (<c>settings</c>), and an explanation template that states the numbers and the verdict.
/// </summary>
public sealed class EligibilityRule
{
    public required string Id { get; init; }
    public required string Title { get; set; }

    /// <summary>poolEntry (第六条), basic (第七条（一）) or special (第七条（二）).</summary>
    public required string Group { get; set; }

    /// <summary>The special-condition key (settings.specialCategories[].key) a special rule checks; null otherwise.</summary>
    public string? Category { get; set; }
    public required string Expression { get; set; }
    public required string Explanation { get; set; }

    /// <summary>Left to a reviewer by the guideline: the result is "judgement" with the data shown, unless the expression is false.</summary>
    public bool Judgement { get; set; }

    /// <summary>A disabled rule is kept with its history and shown as such, but checks skip it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The order within the group, as the rules page and the results list them.</summary>
    public int SortOrder { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>The three groups of conditions, in the order the guideline lists them.</summary>
public static class RuleGroups
{
    public const string PoolEntry = "poolEntry";
    public const string Basic = "basic";
    public const string Special = "special";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        [PoolEntry] = "入库条件",
        [Basic] = "基本条件",
        [Special] = "专项条件",
    };

    public static int Order(string group) => group switch { PoolEntry => 0, Basic => 1, Special => 2, _ => 3 };
}

internal sealed class EligibilityRuleConfiguration : IEntityTypeConfiguration<EligibilityRule>
{
    public void Configure(EntityTypeBuilder<EligibilityRule> b)
    {
        b.Property(r => r.Id).HasMaxLength(64);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Group).HasMaxLength(20);
        b.Property(r => r.Category).HasMaxLength(50);
        b.Property(r => r.UpdatedBy).HasMaxLength(100);
        // Two administrators saving the same rule at once: the second save is refused instead of overwriting.
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.UpdatedAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    }
}
