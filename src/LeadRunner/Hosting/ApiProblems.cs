using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadRunner.Hosting;

/// <summary>Problem responses with a Chinese message that names what is wrong, for every /api error.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string message) =>
        TypedResults.Problem(title: "未找到", detail: message, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string message) =>
        TypedResults.Problem(title: "冲突", detail: message, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Forbidden(string message) =>
        TypedResults.Problem(title: "无权操作", detail: message, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult TooLarge(string message) =>
        TypedResults.Problem(title: "内容过大", detail: message, statusCode: StatusCodes.Status413PayloadTooLarge);

    public static ProblemHttpResult TooMany(string message) =>
        TypedResults.Problem(title: "请求过于频繁", detail: message, statusCode: StatusCodes.Status429TooManyRequests);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "提交的数据有误", detail: string.Join("；", errors.SelectMany(e => e.Value)));

    public static ValidationProblem Invalid(string field, params string[] messages) =>
        Invalid(new Dictionary<string, string[]> { [field] = messages });
}
