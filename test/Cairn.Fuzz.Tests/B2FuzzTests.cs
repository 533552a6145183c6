using System.Text;
using Cairn.Server.OpenApi;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Fuzz.Tests;

/// <summary>
/// Cairn's own fuzz suite over the B2 Native API: valid requests for every operation in the server's table and every
/// API version, mutated by <see cref="Mutator"/>, sent over raw sockets to the real server on SQLite and blob files.
/// Deterministic for a seed. Each failure prints a minimized request to replay.
/// </summary>
public sealed class B2FuzzTests(ITestOutputHelper output)
{
    private const int MaxReported = 25;

    [Fact]
    public async Task Fuzz_EveryOperationAndVersion_NoServerErrorOnlyB2ErrorsAndNothingLost()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"seed {settings.Seed}, {settings.Requests} requests");
        await using var server = await CairnServer.StartAsync();
        var world = await FuzzWorld.CreateAsync(server);
        var random = new Random(settings.Seed);
        var generator = new RequestGenerator(world, random);
        var mutator = new Mutator(world, random);
        var operations = RequestGenerator.Operations;
        var failures = new List<(int Index, RawRequest Request, string Failure)>();
        for (var i = 0; i < settings.Requests; i++)
        {
            var operation = random.Pick(operations);
            var call = generator.Valid(operation, random.Next(1, 5));
            var mutations = random.Next(10) == 0 ? 0 : random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                mutator.Mutate(call);
            }
            var request = call.Render();
            var (response, failure) = await SendAndCheckAsync(world, request);
            if (failure is not null)
            {
                failures.Add((i, request, failure));
            }
            if (response is not null)
            {
                await world.ObserveAsync(request, response);
            }
        }

        var report = new StringBuilder();
        foreach (var group in failures.GroupBy(f => (f.Request.Operation, ReplyInvariants.Kind(f.Failure))).Take(MaxReported))
        {
            var (index, request, failure) = group.First();
            var minimal = await MinimizeAsync(world, request, ReplyInvariants.Kind(failure));
            report.Append($"request #{index} (and {group.Count() - 1} more like it): {failure}\n{minimal.Describe()}\n");
        }
        var audit = await StoreAudit.RunAsync(server, world);
        audit.AddRange(ServerLogAudit.Run(server));
        foreach (var problem in audit)
        {
            report.Append("after the run: ").Append(problem).Append('\n');
        }
        if (report.Length > 0)
        {
            output.WriteLine(report.ToString());
            Assert.Fail($"{failures.Count} requests broke a promise, {audit.Count} problems after the run (seed {settings.Seed}); reproductions above.\n{report}");
        }
    }

    [Fact]
    public void Generator_CoversEveryOperationInTheServersTable()
    {
        // New operations are fuzzed because the generator walks B2Operations.All; this pins that every kind has a generator.
        foreach (var operation in B2Operations.All)
        {
            Assert.True(Enum.IsDefined(operation.Kind), operation.Name);
        }
        Assert.Contains(B2Operations.All, o => o.Kind == OperationKind.Upload);
        Assert.Contains(B2Operations.All, o => o.Kind == OperationKind.Download);
    }

    private static async Task<(RawResponse? Response, string? Failure)> SendAndCheckAsync(FuzzWorld world, RawRequest request)
    {
        try
        {
            var response = await world.Http.SendAsync(request);
            return (response, ReplyInvariants.Check(request, response));
        }
        catch (TimeoutException e)
        {
            return (null, "no reply: " + e.Message);
        }
        catch (IOException e)
        {
            // A client that ends its stream inside the body it announced has left; closing without a reply is fair.
            return (null, request.HalfClose ? null : "no reply: " + e.Message);
        }
    }

    /// <summary>Drops headers, query parameters and JSON properties one at a time while the same failure persists.</summary>
    private static async Task<RawRequest> MinimizeAsync(FuzzWorld world, RawRequest request, string kind)
    {
        var current = request;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var reduced = false;
            foreach (var candidate in Candidates(current))
            {
                var (_, failure) = await SendAndCheckAsync(world, candidate);
                if (failure is not null && ReplyInvariants.Kind(failure) == kind)
                {
                    current = candidate;
                    reduced = true;
                    break;
                }
            }
            if (!reduced)
            {
                break;
            }
        }
        return current;
    }

    private static IEnumerable<RawRequest> Candidates(RawRequest request)
    {
        for (var i = 0; i < request.Headers.Count; i++)
        {
            var index = i;
            yield return request.WithHeaders(request.Headers.Where((_, j) => j != index));
        }
        var parts = request.Target.Split('?', 2);
        if (parts.Length == 2)
        {
            var pairs = parts[1].Split('&');
            for (var i = 0; i < pairs.Length; i++)
            {
                var index = i;
                var rest = string.Join('&', pairs.Where((_, j) => j != index));
                yield return request with { Target = parts[0] + (rest.Length == 0 ? "" : "?" + rest) };
            }
        }
        if (request.RawChunkedBody is null && request.DeclaredLength is null && TryJsonObject(request.Body) is { } json)
        {
            foreach (var name in json.Select(p => p.Key).ToList())
            {
                var copy = json.DeepClone().AsObject();
                copy.Remove(name);
                yield return request with { Body = Encoding.UTF8.GetBytes(copy.ToJsonString()) };
            }
        }
    }

    private static System.Text.Json.Nodes.JsonObject? TryJsonObject(byte[] body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
