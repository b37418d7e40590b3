using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Runtime;

public enum HumanTaskStatus
{
    Open = 1,
    Completed = 2,
    Cancelled = 3,
}

/// <summary>
/// Work waiting for a person: a candidate role narrowed to a region (resolved from the enterprise when the task is
/// created, so the inbox is one indexed query), a due date, an optional claim, and how it ended.
/// </summary>
public sealed class HumanTask
{
    public long Id { get; init; }
    public long InstanceId { get; init; }
    public WorkflowInstance? Instance { get; init; }
    public required string StepId { get; init; }

    /// <summary>Settable so a starter can name what the case is about (e.g. its quarter) after the first task opened.</summary>
    public required string Title { get; set; }

    public required string Role { get; set; }
    public int? EnterpriseId { get; set; }
    public string? CountyCode { get; set; }
    public string? UnitCode { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; set; }
    public bool Escalated { get; set; }

    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }

    public HumanTaskStatus Status { get; set; } = HumanTaskStatus.Open;
    public string? CompletedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Outcome { get; set; }

    public int Revision { get; set; }
}

internal sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTask>
{
    /// <summary>The filter of the inbox indexes, valid SQL on SQLite and PostgreSQL.</summary>
    internal const string OpenOnly = "\"Status\" = 1";

    public void Configure(EntityTypeBuilder<HumanTask> b)
    {
        b.ToTable("Tasks");
        b.Property(t => t.StepId).HasMaxLength(50);
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Role).HasMaxLength(20);
        b.Property(t => t.CountyCode).HasMaxLength(6);
        b.Property(t => t.UnitCode).HasMaxLength(6);
        b.Property(t => t.ClaimedBy).HasMaxLength(100);
        b.Property(t => t.CompletedBy).HasMaxLength(100);
        b.Property(t => t.Outcome).HasMaxLength(50);
        b.Property(t => t.Revision).IsConcurrencyToken();
        b.HasOne(t => t.Instance).WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
        // The inbox: open tasks of a role in a county, a unit or an enterprise; the province's inbox (role alone) uses any
        // of them. Only open tasks are indexed (no query looks up closed ones by role), so a completion removes an entry
        // instead of moving it to another page of each index. Queries must say "Status = Open" as a constant for SQLite to use them.
        b.HasIndex(t => new { t.Role, t.CountyCode, t.DueAt }).HasFilter(OpenOnly);
        b.HasIndex(t => new { t.Role, t.UnitCode, t.DueAt }).HasFilter(OpenOnly);
        b.HasIndex(t => new { t.Role, t.EnterpriseId, t.DueAt }).HasFilter(OpenOnly);
        b.HasIndex(t => new { t.InstanceId, t.Status });
    }
}
