namespace LeadRunner.Versioning;

/// <summary>The outcome of every change to a versioned artifact, whatever its kind.</summary>
public abstract record VersionOutcome
{
    /// <summary>Saved (or, when <paramref name="Unchanged"/>, already so: no new version was made).</summary>
    public sealed record Saved(ArtifactVersion Version, bool Unchanged = false) : VersionOutcome
    {
        public PublishEffects Effects { get; init; } = PublishEffects.None;
    }

    /// <summary>The content is wrong; nothing was saved.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationError> Errors) : VersionOutcome;

    public sealed record NotFound(string Message) : VersionOutcome;

    /// <summary>
    /// Refused because of the state of things rather than the content: someone published first, an entry is still in
    /// use, cases would be stranded. <see cref="Errors"/> lists what is in the way; <see cref="Detail"/> is the kind's own account.
    /// </summary>
    public sealed record Conflict(string Message) : VersionOutcome
    {
        public IReadOnlyList<ValidationError> Errors { get; init; } = [];
        public object? Detail { get; init; }
    }
}
