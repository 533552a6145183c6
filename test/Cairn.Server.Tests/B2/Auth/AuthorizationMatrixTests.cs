using Cairn.Core.Keys;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cairn.Server.Tests.B2.Auth;

/// <summary>
/// Runs <see cref="AuthorizationMatrix.Rules"/>: for every endpoint, keys with exactly one opening capability and
/// keys with every capability but those, each unrestricted, restricted to this bucket or another, and to a matching
/// prefix, another prefix or none, called through v1–v4. Allowed calls must answer 200; refused ones 401 unauthorized.
/// </summary>
public class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    private static readonly int[] Versions = [1, 2, 3, 4];

    public static TheoryData<string> Endpoints() => new(AuthorizationMatrix.Rules.Select(r => r.Endpoint));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_AllowsExactlyWhatTheTableSays(string endpoint)
    {
        var rule = AuthorizationMatrix.Rules.Single(r => r.Endpoint == endpoint);
        var cases = new List<(MatrixCall Call, MatrixOutcome Expected)>();
        foreach (var (capabilities, hasGrant) in CapabilitySets(rule))
        {
            foreach (var bucket in Enum.GetValues<BucketScope>())
            {
                foreach (var prefix in Enum.GetValues<PrefixScope>())
                {
                    foreach (var version in Versions)
                    {
                        cases.Add((new MatrixCall(fixture, capabilities, bucket, prefix, version), AuthorizationMatrix.Expected(rule, hasGrant, bucket, prefix, version)));
                    }
                }
            }
        }

        using var gate = new SemaphoreSlim(8);
        var escapes = await Task.WhenAll(cases.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await rule.Call(c.Call);
                return Matches(c.Expected, result) ? null : $"{endpoint} {c.Call}: expected {c.Expected}, got {result.Status} {result.Code} {Truncate(result.Body)}";
            }
            finally
            {
                gate.Release();
            }
        }));
        var failures = escapes.Where(e => e is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cells disagree with the table:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void EveryRoute_HasARow()
    {
        var operations = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => OperationOf(e.RoutePattern.RawText ?? ""))
            .Where(o => o is not null)
            .Distinct()
            .ToList();
        Assert.NotEmpty(operations);
        var missing = operations.Except(AuthorizationMatrix.Rules.Select(r => r.Endpoint)).ToList();
        Assert.True(missing.Count == 0, $"add a row to AuthorizationMatrix.Rules for: {string.Join(", ", missing)}");
    }

    /// <summary>
    /// For each opening capability a key with only it (plus what the row also requires); for each also-required one a key
    /// missing just it; then a key with every capability except the opening ones.
    /// </summary>
    private static IEnumerable<(IReadOnlyList<string> Capabilities, bool HasGrant)> CapabilitySets(EndpointRule rule)
    {
        if (rule.Grants.Count == 0)
        {
            yield return ([Capabilities.ListFiles], true);
            yield break;
        }
        var also = rule.AlsoRequires;
        foreach (var grant in rule.Grants)
        {
            yield return ([grant, .. also], true);
        }
        foreach (var required in also)
        {
            yield return ([.. rule.Grants, .. also.Where(a => a != required)], false);
        }
        yield return (Capabilities.All.Except(rule.Grants).ToList(), false);
    }

    private static bool Matches(MatrixOutcome expected, MatrixResult result) => expected switch
    {
        MatrixOutcome.Allowed => result.Status == 200,
        MatrixOutcome.Unauthorized => result.Status == 401 && result.Code == "unauthorized",
        MatrixOutcome.FilteredEmpty => result.Status == 200 && result.Count == 0,
        _ => false,
    };

    private static string? OperationOf(string pattern)
    {
        if (pattern.StartsWith("/file/", StringComparison.Ordinal))
        {
            return "b2_download_file_by_name";
        }
        var at = pattern.IndexOf("/b2_", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var operation = pattern[(at + 1)..];
        var slash = operation.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? operation : operation[..slash];
    }

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200];
}
