using Cairn.S3.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.S3;

/// <summary>Registers the S3 API and puts it in front of the host's pipeline.</summary>
public static class S3ServiceCollectionExtensions
{
    public static IServiceCollection AddCairnS3(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new S3Options();
        configuration.GetSection(S3Options.Section).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            throw new InvalidOperationException($"{S3Options.Section}:Region must not be empty");
        }
        services.AddSingleton(options);
        services.AddSingleton<SigV4Verifier>();
        return services;
    }

    /// <summary>S3 requests (signed with SigV4) are answered here; the rest goes on to the B2 pipeline.</summary>
    public static IApplicationBuilder UseCairnS3(this IApplicationBuilder app) => app.UseMiddleware<S3Middleware>();
}
