using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Runtime;

/// <summary>One step of a case's history: who took which action when, from where to where, why, and what changed.</summary>
public sealed class JournalEntry
{
    public long Id { get; init; }
    public long InstanceId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public string? FromStep { get; init; }
    public required string ToStep { get; init; }
    public required string Action { get; init; }
    public required string ActionLabel { get; init; }
    public string? Comment { get; init; }
    public string? ChangedVariablesJson { get; init; }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("Journal");
        b.Property(j => j.Actor).HasMaxLength(100);
        b.Property(j => j.FromStep).HasMaxLength(50);
        b.Property(j => j.ToStep).HasMaxLength(50);
        b.Property(j => j.Action).HasMaxLength(50);
        b.Property(j => j.ActionLabel).HasMaxLength(50);
        b.Property(j => j.Comment).HasMaxLength(2000);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(j => new { j.InstanceId, j.Id });
    }
}
