using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// What the pipeline, not the handler, may answer, read from the endpoint's metadata so that no mapping declares it
/// by hand: the security requirement with 401/403 (authorization), 429 (a rate-limit policy), 413 (uploads and
/// size-limited bodies) and 400 (a body or a typed parameter the binder may fail to read, see BadRequestProblems).
/// A response the mapping already declares is left as it is.
/// </summary>
public sealed class OperationRefusals : IOpenApiOperationTransformer
{
    public const string ProblemSchema = nameof(ProblemDetails);
    public const string ProblemMediaType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        operation.Responses ??= [];
        switch (Access(metadata))
        {
            case EndpointAccess.Authorized:
                operation.Security = SecuritySchemes.Required(document);
                Add(operation, document, StatusCodes.Status401Unauthorized, "未登录或登录已失效：未携带有效的 Bearer 令牌或登录 Cookie。");
                Add(operation, document, StatusCodes.Status403Forbidden, "已登录，但当前账号的角色或管辖范围无权执行此操作。");
                break;
            case EndpointAccess.Anonymous:
                operation.Security = SecuritySchemes.Anonymous();
                break;
            default:
                // The handler decides (an upload grant, a download by its owner): credentials are optional here.
                operation.Security = [.. SecuritySchemes.Anonymous(), .. SecuritySchemes.Required(document)];
                break;
        }
        if (RateLimitPolicy(metadata) is not null)
        {
            Add(operation, document, StatusCodes.Status429TooManyRequests, "请求过于频繁，超过了限流额度；响应头 Retry-After 给出可重试的秒数。");
        }
        if (AcceptsLargeBody(metadata, operation))
        {
            Add(operation, document, StatusCodes.Status413PayloadTooLarge, "请求体超过大小上限（上传文件或导入文件过大）。");
        }
        if (MayFailToBind(context.Description) && !operation.Responses.ContainsKey("400"))
        {
            operation.Responses["400"] = new OpenApiResponse
            {
                Description = "请求无法解析：JSON 格式有误、字段或参数的类型不符（errors 按字段逐项说明）。",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = await ResponseShapes.SchemaAsync(typeof(HttpValidationProblemDetails), context, cancellationToken) },
                },
            };
        }
    }

    /// <summary>
    /// A body, a form, or a query, header or unconstrained route value of a type other than text: a value the binder
    /// cannot read is a 400. A route constraint ({year:int}) makes such a value a 404 instead.
    /// </summary>
    public static bool MayFailToBind(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        description.ParameterDescriptions.Any(p =>
            p.Source == BindingSource.Body || p.Source == BindingSource.Form || p.Source == BindingSource.FormFile
            || ((p.Source == BindingSource.Query || p.Source == BindingSource.Header || (p.Source == BindingSource.Path && p.RouteInfo?.Constraints?.Any() != true))
                && !IsText(p.Type)));

    private static bool IsText(Type? type)
    {
        var bare = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return bare is null || bare == typeof(string) || bare == typeof(Microsoft.Extensions.Primitives.StringValues)
            || (bare.IsArray && IsText(bare.GetElementType()));
    }

    public enum EndpointAccess { Authorized, Anonymous, HandlerDecides }

    /// <summary>As the authorization middleware sees it: AllowAnonymous wins over any authorize data.</summary>
    public static EndpointAccess Access(IList<object> metadata) =>
        metadata.OfType<IAllowAnonymous>().Any() ? EndpointAccess.Anonymous
        : metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any() ? EndpointAccess.Authorized
        : EndpointAccess.HandlerDecides;

    /// <summary>The last rate-limiting metadata wins, as in the rate limiter middleware; DisableRateLimiting means none.</summary>
    public static string? RateLimitPolicy(IList<object> metadata) =>
        metadata.LastOrDefault(m => m is EnableRateLimitingAttribute or DisableRateLimitingAttribute) is EnableRateLimitingAttribute enable
            ? enable.PolicyName ?? "default"
            : null;

    /// <summary>
    /// Uploads set their body limit per request (MultipartUploadReader), so the upload policy marks them; other
    /// size-limited bodies carry request size metadata, and file imports accept multipart/form-data.
    /// </summary>
    private static bool AcceptsLargeBody(IList<object> metadata, OpenApiOperation operation) =>
        RateLimitPolicy(metadata) == RateLimits.Uploads
        || metadata.OfType<IRequestSizeLimitMetadata>().Any(m => m.MaxRequestBodySize is not null)
        || operation.RequestBody?.Content?.ContainsKey("multipart/form-data") == true;

    private static void Add(OpenApiOperation operation, OpenApiDocument? document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }
}
