using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace LeadRunner.Versioning;

/// <summary>
/// An <see cref="ArtifactProblem"/> answered as application/problem+json through the problem details service (as
/// every other problem), and declared with its schema: TypedResults.BadRequest would answer application/json and
/// TypedResults.Problem declares nothing.
/// </summary>
public abstract class ArtifactProblemResult(ArtifactProblem problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ArtifactProblem>, IContentTypeHttpResult
{
    public const string MediaType = "application/problem+json";

    public ArtifactProblem Value => problem;

    object? IValueHttpResult.Value => problem;

    public int? StatusCode => problem.Status;

    public string ContentType => MediaType;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(problem).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ArtifactProblem), [MediaType]));
}

/// <summary>400: the content is wrong, each problem with its place.</summary>
public sealed class InvalidArtifact(ArtifactProblem problem) : ArtifactProblemResult(problem), IEndpointMetadataProvider
{
    public InvalidArtifact(string title, IReadOnlyList<ValidationError> errors) : this(ArtifactProblem.Invalid(title, errors)) { }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status400BadRequest);
}

/// <summary>409: refused because of the state of things (someone saved first, an entry still in use, cases would be stranded).</summary>
public sealed class ArtifactConflict(ArtifactProblem problem) : ArtifactProblemResult(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}
