namespace LeadRunner.Hosting;

/// <summary>
/// Errors never show a stack trace: pages get the friendly error page, /api gets a problem with a Chinese title.
/// </summary>
public static class FriendlyErrors
{
    public static IServiceCollection AddFriendlyErrors(this IServiceCollection services)
    {
        BadRequestProblems.Register(services);
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // Framework defaults are English ("Not Found"); our own problems already carry a Chinese title.
            if (problem.Title is null || problem.Title.All(char.IsAscii))
            {
                problem.Title = Describe(problem.Status ?? context.HttpContext.Response.StatusCode);
            }
        });
    }

    public static void UseFriendlyErrors(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static string Describe(int status) => status switch
    {
        400 => "请求有误",
        401 => "请先登录",
        403 => "无权访问",
        404 => "页面或数据不存在",
        405 => "不支持的请求方式",
        409 => "数据冲突",
        413 => "提交的内容过大",
        429 => "请求过于频繁",
        _ => status >= 500 ? "系统出现错误" : "请求未能完成",
    };
}
