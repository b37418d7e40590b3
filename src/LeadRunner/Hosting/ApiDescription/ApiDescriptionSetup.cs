using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace LeadRunner.Hosting.ApiDescription;

/// <summary>
/// The served OpenAPI description (/openapi/v1.json) and its reference page (/scalar): what clients generate their
/// code from. Each part has its own class here; docs/api.md tells client authors what they can rely on.
/// </summary>
public static class ApiDescriptionSetup
{
    public const string Title = "LeadRunner 河北省特色产业集群“领跑者”企业认定管理系统 API";

    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Schemas are named by type name, so RoundsApi.Entry and AuditApi.Entry would share one schema: a nested
            // type's name carries its declaring type's.
            options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } outer
                ? outer.Name.Split('`')[0] + id
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = Title;
                document.Info.Description = "除注明可匿名访问的接口外，均需登录：浏览器使用站点 Cookie，脚本使用 POST /api/auth/login 获得的 Bearer 令牌。"
                    + "错误一律以 application/problem+json 返回（ProblemDetails，字段错误见 errors）。约定与稳定性承诺见 docs/api.md。";
                ServerAddresses.TrimTrailingSlash(document);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddDocumentTransformer<ApiTags>();
            options.AddOperationTransformer<OperationRefusals>();
            options.AddOperationTransformer<RequestExamples>();
            options.AddSchemaTransformer<OptionalInputs>();
        });

    /// <summary>The API description is for the team in Development and tests; in production it needs a signed-in user.</summary>
    public static void MapApiDescription(this WebApplication app)
    {
        var openApi = app.MapOpenApi();
        // A fresh nonce per response on Scalar's script tags; the page's policy allows that nonce and no other inline script.
        // Its default fonts come from fonts.scalar.com, which the policy (and an offline government network) refuses.
        var scalar = app.MapScalarApiReference(options => options.WithTitle("LeadRunner API").WithNonce().DisableDefaultFonts())
            .WithMetadata(new SecurityHeaders.PolicyAttribute(SecurityHeaders.ApiReferencePolicy) { NonceItemKey = ScalarOptions.NonceHttpContextItemKey });
        if (app.Environment.IsDevelopmentOrTesting())
        {
            openApi.AllowAnonymous();
            scalar.AllowAnonymous();
        }
        else
        {
            openApi.RequireAuthorization();
            scalar.RequireAuthorization();
        }
    }
}
