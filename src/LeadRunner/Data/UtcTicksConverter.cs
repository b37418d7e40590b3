using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadRunner.Data;

/// <summary>
/// Stores instants as UTC ticks: SQLite has no date type, and text would neither sort nor compare correctly
/// across offsets. Applied to every DateTimeOffset by convention.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
