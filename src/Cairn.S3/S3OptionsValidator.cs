using Microsoft.Extensions.Options;

namespace Cairn.S3;

/// <summary>Refuses S3 settings (<c>Cairn:S3</c>) that cannot mean anything, at start-up.</summary>
public sealed class S3OptionsValidator : IValidateOptions<S3Options>
{
    public ValidateOptionsResult Validate(string? name, S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"{S3Options.Section}:Region must not be empty.");
        }
        if (options.MaxClockSkew <= TimeSpan.Zero)
        {
            failures.Add($"{S3Options.Section}:MaxClockSkew must be positive.");
        }
        if (options.HostName.Length > 0 && (options.HostName.Contains(':', StringComparison.Ordinal) || options.HostName.Contains('/', StringComparison.Ordinal) || options.HostName.StartsWith('.')))
        {
            failures.Add($"{S3Options.Section}:HostName must be a host name without scheme, port or leading dot (s3.example.com).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
