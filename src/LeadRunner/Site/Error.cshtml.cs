using LeadRunner.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadRunner.Site;

/// <summary>The friendly page for 403, 404, 500 and the rest: what happened and what to do, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading => FriendlyErrors.Describe(Code);

    public string Advice => Code switch
    {
        403 => "您没有访问该页面或数据的权限。如需办理，请使用有权限的账号登录，或联系所在地工业和信息化主管部门。",
        404 => "您访问的页面或数据不存在，或不在您的管辖范围内。请检查网址，或从首页重新进入。",
        429 => "您的操作过于频繁，已超过系统限额。请稍候片刻再试。",
        >= 500 => "系统暂时无法完成您的请求，请稍后再试。如问题持续，请联系平台管理员。",
        _ => "请求未能完成，请返回后重试。",
    };

    public void OnGet(int code) => Handle(code);
    public void OnPost(int code) => Handle(code);

    private void Handle(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        // Direct visits to /error/N answer with N, so that the status matches what the page says.
        Response.StatusCode = Code;
    }
}
