using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Rounds;

public enum RoundStatus
{
    Draft = 1,
    Open = 2,
    Closed = 3,
    Archived = 4,
}

/// <summary>
/// One year's round (年度批次): its status and the exact published versions it runs on. A draft round follows the
/// newest published versions; opening it freezes them as pins, which change afterwards only by an explicit re-pin.
/// The round's settings are the programme of the same year (<see cref="Programmes.Programme"/>).
/// </summary>
public sealed class Round
{
    public int Year { get; init; }
    public required string Title { get; set; }
    public RoundStatus Status { get; set; } = RoundStatus.Draft;

    /// <summary>The date on the public notice, chosen when the round is opened.</summary>
    public DateOnly? NoticeDate { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? OpenedAt { get; set; }
    public string? OpenedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>The frozen pins (<see cref="RoundPins"/> as JSON); null while a draft follows the newest versions.</summary>
    public string? PinsJson { get; set; }

    /// <summary>Bumped on every change, so two administrators cannot re-pin or open the same round at once.</summary>
    public int Revision { get; set; }

    public bool IsPublic => Status is RoundStatus.Open or RoundStatus.Closed or RoundStatus.Archived;
}

/// <summary>The exact version of every versioned artifact a round uses.</summary>
public sealed record RoundPins
{
    public Dictionary<string, int> Workflows { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Forms { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Templates { get; init; } = new(StringComparer.Ordinal);
    public int? RulesVersion { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RoundPins FromJson(string json) => JsonSerializer.Deserialize<RoundPins>(json, Json) ?? new RoundPins();
}

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.HasKey(r => r.Year);
        b.Property(r => r.Year).ValueGeneratedNever();
        b.Property(r => r.Title).HasMaxLength(100);
        b.Property(r => r.CreatedBy).HasMaxLength(100);
        b.Property(r => r.OpenedBy).HasMaxLength(100);
        b.Property(r => r.ClosedBy).HasMaxLength(100);
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.Ignore(r => r.IsPublic);
    }
}
