namespace LeadRunner.Accounts;

/// <summary>
/// The current actor's <see cref="AccessScope"/>, read at query time rather than when a service is built: Identity
/// builds the DbContext before authentication has run (to check the cookie's security stamp), and the scope
/// must follow the user who is authenticated by the time the query executes.
/// </summary>
public sealed class CurrentScope(IHttpContextAccessor http)
{
    public AccessScope Value => http.HttpContext is { } context ? AccessScope.For(context.User) : AccessScope.System;
}
