using LeadRunner.Enterprises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Forms;

/// <summary>
/// Data submitted through a form, as validated and cleaned by the server, with the form version it was made with.
/// Scoped by its enterprise (query filter in LeadRunnerDb); submissions without an enterprise are province-only.
/// </summary>
public sealed class FormSubmission
{
    public long Id { get; init; }
    public required string FormKey { get; init; }
    public int FormVersion { get; init; }

    /// <summary>The round whose pinned form version the data was checked against; null outside any round.</summary>
    public int? RoundYear { get; init; }
    public required string DataJson { get; init; }

    /// <summary>The submitting user's id; empty for an anonymous submission of a public form.</summary>
    public required string SubmitterUserId { get; init; }
    public string? SubmitterName { get; init; }
    public int? EnterpriseId { get; init; }
    public Enterprise? Enterprise { get; init; }

    /// <summary>What the data is about, e.g. <c>workflow:42</c>; empty when standalone.</summary>
    public required string Subject { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Adds checked data as a submission and removes the submitter's draft of it, which has served its purpose; the
    /// caller saves (and attaches the files, under a label of its own).
    /// </summary>
    public static async Task<FormSubmission> AddAsync(Data.LeadRunnerDb db, FormValidation.Result checkedData, string subject,
        string submitterUserId, string? submitterName, int? enterpriseId, DateTimeOffset now, CancellationToken cancellationToken, int? roundYear = null)
    {
        var submission = new FormSubmission
        {
            FormKey = checkedData.FormKey, FormVersion = checkedData.Version!.Value, RoundYear = roundYear, DataJson = checkedData.Data.ToJsonString(),
            SubmitterUserId = submitterUserId, SubmitterName = submitterName, EnterpriseId = enterpriseId, Subject = subject, CreatedAt = now,
        };
        db.FormSubmissions.Add(submission);
        if (submitterUserId.Length > 0)
        {
            await db.FormDrafts.Where(d => d.UserId == submitterUserId && d.FormKey == checkedData.FormKey && d.Subject == subject)
                .ExecuteDeleteAsync(cancellationToken);
        }
        return submission;
    }
}

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.Property(s => s.FormKey).HasMaxLength(64);
        b.Property(s => s.SubmitterUserId).HasMaxLength(450);
        b.Property(s => s.SubmitterName).HasMaxLength(256);
        b.Property(s => s.Subject).HasMaxLength(100);
        b.HasOne(s => s.Enterprise).WithMany().HasForeignKey(s => s.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.FormKey, s.Subject });
    }
}
