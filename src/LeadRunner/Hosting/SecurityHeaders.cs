namespace LeadRunner.Hosting;

/// <summary>
/// The one content security policy of the app and the headers every response carries (docs/security.md,
/// "跨站脚本与安全响应头"). Pages get <see cref="PagePolicy"/>; an endpoint that serves a stand-alone document
/// (filled or blank annexes, uploads) is marked with <see cref="ServesDocuments{TBuilder}"/> and gets <see cref="DocumentPolicy"/>;
/// the form designer and the API reference carry their own, explained below.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from our own files: no inline script, no eval (Form.io's string templates are interpolated without
    /// it, see formio-setup.js; only <see cref="DesignerPolicy"/> allows eval). Styles keep 'unsafe-inline' because
    /// Form.io, Monaco, Mermaid and Bootstrap set style attributes and inject &lt;style&gt; elements; styles cannot run
    /// code. data: images are the documents' QR codes.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>A document holds data typed by enterprises: it may show its inline style sheet and QR code, and run nothing.</summary>
    public const string DocumentPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    /// <summary>Where a policy takes the nonce its endpoint generated for this response.</summary>
    public const string NoncePlaceholder = "{nonce}";

    /// <summary>
    /// Scalar's API reference page starts itself with an inline module script: Scalar stamps its script tags with a
    /// fresh nonce per request (WithNonce), and only that script runs, no other inline script.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'nonce-" + NoncePlaceholder + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>
    /// The form designer only (system administrators): Form.io's builder defines its component-settings dialogs as
    /// forms whose conditions and computed values are JavaScript strings it compiles with new Function. The forms
    /// being designed cannot carry JavaScript (FormSchemaReader refuses it), so nothing stored by a user is evaluated.
    /// </summary>
    public const string DesignerPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>
    /// Endpoint metadata (or an attribute on a page model) choosing a policy other than <see cref="PagePolicy"/>. A policy
    /// with <see cref="NoncePlaceholder"/> gets the nonce the endpoint left in HttpContext.Items under <see cref="NonceItemKey"/>;
    /// without one, the nonce source is dropped and no inline script runs.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class PolicyAttribute(string value) : Attribute
    {
        public string Value { get; } = value;
        public object? NonceItemKey { get; init; }

        public string For(HttpContext context) => !Value.Contains(NoncePlaceholder, StringComparison.Ordinal) ? Value
            : NonceItemKey is not null && context.Items[NonceItemKey] is string { Length: > 0 } nonce && nonce.All(IsNonceCharacter)
                ? Value.Replace(NoncePlaceholder, nonce, StringComparison.Ordinal)
                : Value.Replace(" 'nonce-" + NoncePlaceholder + "'", "", StringComparison.Ordinal);

        // Base64 characters only: the nonce goes into a header.
        private static bool IsNonceCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_';
    }

    /// <summary>The endpoint's HTML is a stand-alone document of user data (<see cref="DocumentPolicy"/>).</summary>
    public static TBuilder ServesDocuments<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PolicyAttribute(DocumentPolicy));

    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Only over HTTPS (UseHsts ignores plain HTTP); Development keeps localhost usable over HTTP.
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>Set when the response starts, so the content type and the endpoint's metadata are known.</summary>
    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "SAMEORIGIN";
        var type = (context.Response.ContentType ?? "").Split(';')[0].Trim();
        if (type.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<PolicyAttribute>()?.For(context) ?? PagePolicy;
        }
        else if (type.EndsWith("/xml", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase))
        {
            // An SVG or XML file opened on its own could carry script: shown like a document.
            headers.ContentSecurityPolicy = DocumentPolicy;
        }
    }
}
