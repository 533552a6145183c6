using Cairn.B2.Links;
using Cairn.B2.OpenApi;
using Cairn.Core.Files;
using Cairn.Core.Operations;

namespace Cairn.B2;

/// <summary>Registers the B2 Native API's services; the host maps its routes with <see cref="B2Routes.MapB2"/>.</summary>
public static class B2ServiceCollectionExtensions
{
    public static IServiceCollection AddCairnB2(this IServiceCollection services)
    {
        services.AddOptions<B2Options>();
        services.AddHttpContextAccessor();
        // B2 writes the byte addresses every protocol hands out (MCP's upload and download links).
        services.AddSingleton<ITransferLinks, B2TransferLinks>();
        // B2 describes and runs the operations MCP's search_operations, describe_operation and call_operation offer.
        services.AddSingleton<IApiOperations, B2ApiOperations>();
        services.Configure<RouteOptions>(routing => routing.SetParameterPolicy<B2VersionConstraint>(B2VersionConstraint.Name));
        return services;
    }
}
