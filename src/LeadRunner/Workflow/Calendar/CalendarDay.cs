using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadRunner.Workflow.Calendar;

public enum CalendarDayKind
{
    /// <summary>A public holiday (法定节假日): not a working day even on a weekday.</summary>
    Holiday = 1,
    /// <summary>An adjusted working day (调休上班): a working day even on a weekend.</summary>
    AdjustedWorkday = 2,
}

/// <summary>A date the State Council's calendar sets apart from the Monday–Friday rule.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; init; }
    public CalendarDayKind Kind { get; set; }

    /// <summary>The holiday it belongs to, e.g. 国庆节.</summary>
    public required string Name { get; set; }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.HasKey(d => d.Date);
        b.Property(d => d.Name).HasMaxLength(40);
    }
}
