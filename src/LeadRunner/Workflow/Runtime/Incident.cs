using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Runtime;

/// <summary>Something that went wrong in the background (a timer whose work failed), for administrators to see and retry.</summary>
public sealed class Incident
{
    public long Id { get; init; }
    public long InstanceId { get; init; }
    public long? TimerId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Message { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(i => i.Message).HasMaxLength(2000);
        b.Property(i => i.ResolvedBy).HasMaxLength(100);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(i => i.InstanceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.ResolvedAt);
    }
}
