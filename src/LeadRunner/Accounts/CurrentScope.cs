namespace LeadRunner.Accounts;

/// <summary>
/// The current actor's <see cref="AccessScope"/>, read at query time rather than when the DbContext is built:
/// Identity builds it before authentication has run (to check the cookie's security stamp), and pooled contexts
/// outlive requests, so the scope must follow the user authenticated when the query executes.
/// </summary>
public sealed class CurrentScope(IHttpContextAccessor http)
{
    public AccessScope Value => http.HttpContext is { } context ? AccessScope.For(context.User) : AccessScope.System;
}
