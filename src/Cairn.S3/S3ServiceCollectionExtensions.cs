using Cairn.S3.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cairn.S3;

/// <summary>Registers the S3 API and puts it in front of the host's pipeline.</summary>
public static class S3ServiceCollectionExtensions
{
    public static IServiceCollection AddCairnS3(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound and checked the way the host's other options are: a wrong value stops the start, naming it.
        services.AddOptions<S3Options>().Bind(configuration.GetSection(S3Options.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3Options>, S3OptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<S3Options>>().Value);
        services.AddSingleton<SigV4Verifier>();
        return services;
    }

    /// <summary>S3 requests (signed with SigV4) are answered here; the rest goes on to the B2 pipeline.</summary>
    public static IApplicationBuilder UseCairnS3(this IApplicationBuilder app) => app.UseMiddleware<S3Middleware>();
}
