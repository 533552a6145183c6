using Cairn.B2.Links;
using Cairn.Core.Files;

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
        services.Configure<RouteOptions>(routing => routing.SetParameterPolicy<B2VersionConstraint>(B2VersionConstraint.Name));
        return services;
    }
}
