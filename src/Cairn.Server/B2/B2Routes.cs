using Cairn.Server.OpenApi;

namespace Cairn.Server.B2;

/// <summary>
/// Maps every B2 Native API route from its one descriptor in <see cref="B2Operations.All"/>: pattern, methods and
/// handler are written there, beside what the OpenAPI document and the authorization matrix say about the operation.
/// </summary>
public static class B2Routes
{
    public static IEndpointRouteBuilder MapB2(this IEndpointRouteBuilder app)
    {
        foreach (var operation in B2Operations.All)
        {
            app.MapMethods(operation.RoutePattern, operation.Methods, operation.Handler);
        }
        return app;
    }
}
