using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadRunner.Tests.TestHost;

/// <summary>
/// The app with each request's client address taken from a test header, so tests can play several clients
/// (the test server itself has no remote address).
/// </summary>
public class ClientAddressFactory : LeadRunnerFactory
{
    public const string Header = "X-Test-Client";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, AddressFromHeader>());
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public HttpClient ClientFrom(string address)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
