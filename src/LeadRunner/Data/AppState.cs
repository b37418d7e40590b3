using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Data;

/// <summary>Small facts the app keeps about itself, e.g. which workflow files it has already loaded.</summary>
public sealed class AppState
{
    public required string Key { get; init; }
    public required string Value { get; set; }
}

internal sealed class AppStateConfiguration : IEntityTypeConfiguration<AppState>
{
    public void Configure(EntityTypeBuilder<AppState> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);
        b.Property(s => s.Value).HasMaxLength(200);
    }
}
