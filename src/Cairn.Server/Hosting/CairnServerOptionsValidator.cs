using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Refuses configurations that cannot work, at start-up rather than at the first request.</summary>
public sealed class CairnServerOptionsValidator : IValidateOptions<CairnServerOptions>
{
    public ValidateOptionsResult Validate(string? name, CairnServerOptions options)
    {
        var failures = new List<string>();
        if (!options.InMemory && string.IsNullOrWhiteSpace(options.DataPath))
        {
            failures.Add("Cairn:DataPath (--data, CAIRN_DATA) must name a directory unless --in-memory is set.");
        }
        if (options.InMemory && !string.IsNullOrWhiteSpace(options.Postgres))
        {
            failures.Add("--in-memory keeps metadata in memory; it cannot be combined with --postgres (CAIRN_POSTGRES).");
        }
        if (!string.IsNullOrEmpty(options.PublicUrl) && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Cairn:PublicUrl (--public-url, CAIRN_PUBLIC_URL) must be an absolute URL, not '{options.PublicUrl}'.");
        }
        if (string.IsNullOrEmpty(options.MasterKeyId) != string.IsNullOrEmpty(options.MasterKey))
        {
            failures.Add("Set both CAIRN_MASTER_KEY_ID and CAIRN_MASTER_KEY, or neither.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
