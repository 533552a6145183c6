using Cairn.Core.Replication;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Hosting;

/// <summary>Checks the replication settings (<c>Cairn:Replication</c>) once, at start-up.</summary>
public sealed class ReplicationOptionsValidator : IValidateOptions<ReplicationOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplicationOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.Zero)
        {
            failures.Add("Cairn:Replication:PollInterval must not be negative (zero disables replication).");
        }
        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            failures.Add("Cairn:Replication:LeaseDuration must be positive.");
        }
        if (options.InitialBackoff < TimeSpan.Zero || options.InitialBackoff > options.MaxBackoff)
        {
            failures.Add("Cairn:Replication:InitialBackoff must not be negative nor exceed MaxBackoff.");
        }
        if (options.MaxAttempts < 1 || options.MaxTasksPerPass < 1)
        {
            failures.Add("Cairn:Replication:MaxAttempts and MaxTasksPerPass must be at least 1.");
        }
        for (var i = 0; i < options.Remotes.Count; i++)
        {
            var remote = options.Remotes[i];
            if (!Uri.TryCreate(remote.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"Cairn:Replication:Remotes:{i}:Endpoint must be an absolute http(s) URL.");
            }
            if (string.IsNullOrEmpty(remote.ApplicationKeyId) || string.IsNullOrEmpty(remote.ApplicationKey))
            {
                failures.Add($"Cairn:Replication:Remotes:{i} needs ApplicationKeyId and ApplicationKey.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
