using System.Text.Json.Serialization;

namespace LeadRunner.Versioning;

/// <summary>
/// A refused change to something an administrator wrote (a definition, template, settings or rule): a validation
/// problem whose <c>errors</c> map each path to its Chinese messages, as every other 400, plus <see cref="Locations"/>
/// with the line and column of each problem, which the editors need to place their markers.
/// </summary>
public class ArtifactProblem : HttpValidationProblemDetails
{
    /// <summary>Every problem in order, with where it is; <c>errors</c> holds the same messages keyed by path.</summary>
    [JsonPropertyName("locations")]
    public IReadOnlyList<ValidationError> Locations { get; init; } = [];

    /// <summary>400: the content is wrong; <paramref name="title"/> says what was not done (“内容有误，未保存”).</summary>
    public static ArtifactProblem Invalid(string title, IReadOnlyList<ValidationError> errors) =>
        Fill(new ArtifactProblem { Locations = errors }, StatusCodes.Status400BadRequest, title, string.Join("；", errors.Select(e => e.Message)));

    /// <summary>409: the state of things is in the way; <paramref name="errors"/> names what, when the store knows.</summary>
    public static ArtifactProblem Conflict(string message, IReadOnlyList<ValidationError> errors) =>
        Fill(new ArtifactProblem { Locations = errors }, StatusCodes.Status409Conflict, "冲突", message);

    /// <summary>Status, title and detail as ApiProblems writes them, and the messages grouped by path in <c>errors</c>.</summary>
    protected static T Fill<T>(T problem, int status, string title, string detail) where T : ArtifactProblem
    {
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        foreach (var group in problem.Locations.GroupBy(e => e.Path))
        {
            problem.Errors[group.Key] = [.. group.Select(e => e.Message)];
        }
        return problem;
    }
}
