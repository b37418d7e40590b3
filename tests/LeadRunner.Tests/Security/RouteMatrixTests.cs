using System.Net;
using System.Security.Claims;
using System.Text;
using LeadRunner.Accounts;
using LeadRunner.Tests.TestHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.Security;

/// <summary>
/// Who may reach every route: the role × route matrix is generated from the app's own endpoints and authorization
/// policies and compared with <c>route-matrix.txt</c>, so opening or closing a route shows up in review; every GET
/// route without parameters is then called as each role to check that what the matrix says is what the server does
/// (a 5xx counts as wrong for every role).
/// </summary>
public class RouteMatrixTests(LeadRunnerFactory factory) : IClassFixture<LeadRunnerFactory>
{
    /// <summary>One demo account per role, with its region binding.</summary>
    private static readonly (string Column, string User, string Role, (string Type, string Value)? Binding)[] Actors =
    [
        ("anonymous", "", "", null),
        ("enterprise", "ent.91130534MA0CQH1106", Roles.Enterprise, (ScopeClaims.EnterpriseId, "1")),
        ("county", "county.130534", Roles.County, (ScopeClaims.CountyCode, "130534")),
        ("city", "city.130500", Roles.City, (ScopeClaims.UnitCode, "130500")),
        // The demo province account also holds the publishing permission (the site's editors).
        ("province", "province", Roles.Province, (ScopeClaims.Permission, Permissions.Publish)),
        ("sysadmin", "admin", Roles.SysAdmin, null),
        ("secadmin", "secadmin", Roles.SecAdmin, null),
        ("auditor", "auditor", Roles.Auditor, null),
    ];

    private static string MatrixPath => Path.Combine(LeadRunner.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)!, "tests", "LeadRunner.Tests", "Security", "route-matrix.txt");

    [Fact]
    public async Task EveryRoute_AllowsExactlyTheRolesInTheMatrix()
    {
        var actual = await BuildMatrixAsync();
        var expected = File.Exists(MatrixPath) ? await File.ReadAllTextAsync(MatrixPath) : "";
        if (Environment.GetEnvironmentVariable("UPDATE_ROUTE_MATRIX") == "1")
        {
            await File.WriteAllTextAsync(MatrixPath, actual);
            return;
        }
        var missing = expected.Split('\n').Except(actual.Split('\n')).ToList();
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        Assert.True(missing.Count == 0 && added.Count == 0,
            $"路由权限与 route-matrix.txt 不一致（审阅后用 UPDATE_ROUTE_MATRIX=1 重新生成）。\n原有：\n{string.Join('\n', missing)}\n现在：\n{string.Join('\n', added)}");
    }

    [Fact]
    public async Task EveryParameterlessGetRoute_AnswersEachRoleAsTheMatrixSays()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var actor in Actors)
        {
            clients[actor.Column] = actor.User.Length == 0 ? factory.AnonymousClient() : await factory.ClientFor(actor.User);
        }
        var wrong = new List<string>();
        foreach (var (route, method, allowed) in await RulesAsync())
        {
            if (method is not ("GET" or "ANY") || route.Contains('{', StringComparison.Ordinal) || route.StartsWith("/error", StringComparison.Ordinal)
                || route.Contains("logout", StringComparison.Ordinal) || route.Contains("/export", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var actor in Actors)
            {
                var response = await clients[actor.Column].GetAsync(route);
                var location = response.Headers.Location?.OriginalString ?? "";
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || location.StartsWith("/login", StringComparison.Ordinal) || location.Contains("/error/403", StringComparison.Ordinal)
                    || location.StartsWith("http://localhost/login", StringComparison.Ordinal);
                // A server error is never an answer, whether the role may call the route or not.
                if ((int)response.StatusCode >= 500 || refused == allowed.Contains(actor.Column))
                {
                    wrong.Add($"{route} 以 {actor.Column} 访问：{(int)response.StatusCode} {location}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private async Task<string> BuildMatrixAsync()
    {
        var text = new StringBuilder("# 路由 × 角色：可访问的角色（由 RouteMatrixTests 生成，审阅后提交）\n");
        foreach (var (route, method, allowed) in await RulesAsync())
        {
            text.Append(method).Append(' ').Append(route).Append(" -> ").AppendJoin(',', allowed).Append('\n');
        }
        return text.ToString();
    }

    private async Task<List<(string Route, string Method, List<string> Allowed)>> RulesAsync()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var rules = new List<(string, string, List<string>)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? null
                : await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var allowed = new List<string>();
            foreach (var actor in Actors)
            {
                if (policy is null || (actor.User.Length > 0 && (await authorization.AuthorizeAsync(Principal(actor), null, policy)).Succeeded))
                {
                    allowed.Add(actor.Column);
                }
            }
            foreach (var method in methods)
            {
                rules.Add((route, method, allowed));
            }
        }
        return [.. rules.DistinctBy(r => $"{r.Item2} {r.Item1}").OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal)];
    }

    private static ClaimsPrincipal Principal((string Column, string User, string Role, (string Type, string Value)? Binding) actor)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, actor.User), new(ClaimTypes.Role, actor.Role) };
        if (actor.Binding is { } binding)
        {
            claims.Add(new Claim(binding.Type, binding.Value));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "matrix"));
    }
}
