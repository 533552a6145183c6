using System.Text;
using Cairn.Testing;
using Xunit.Abstractions;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// Cairn's own fuzz suite over the S3 API: valid requests for every operation in S3Routes, signed as a client signs
/// them in each payload form, mutated by <see cref="S3Mutator"/> (mostly behind a valid signature, sometimes the
/// signature itself), sent over raw sockets to the real server on SQLite and blob files. Deterministic for a seed
/// (<see cref="FuzzSettings"/>); each failure prints a minimized request to replay.
/// </summary>
public sealed class S3FuzzTests(ITestOutputHelper output)
{
    private const int MaxReported = 25;

    [Fact]
    public async Task Fuzz_EveryS3OperationAndPayloadForm_NoServerErrorOnlyS3ErrorsAndNothingLost()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"seed {settings.Seed}, {settings.Requests} requests");
        await using var server = await CairnServer.StartAsync();
        var world = await S3FuzzWorld.CreateAsync(server);
        var random = new Random(settings.Seed);
        var generator = new S3RequestGenerator(world, random);
        var mutator = new S3Mutator(world, random);
        var failures = new List<(int Index, S3FuzzCase Call, RawRequest Request, string Failure)>();
        for (var i = 0; i < settings.Requests; i++)
        {
            var call = generator.Valid(random.Pick(S3RequestGenerator.Operations));
            var mutations = random.Next(8) == 0 ? 0 : random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                mutator.Mutate(call);
            }
            var request = call.Render(world.Host);
            var (response, failure) = await SendAndCheckAsync(world, request);
            if (failure is not null)
            {
                failures.Add((i, call, request, failure));
            }
            if (response is not null)
            {
                await world.ObserveAsync(call, response);
            }
            else
            {
                world.ObserveLostReply(call);
            }
        }

        var report = new StringBuilder();
        foreach (var group in failures.GroupBy(f => (f.Call.Operation, S3ReplyInvariants.Kind(f.Failure))).Take(MaxReported))
        {
            var (index, _, request, failure) = group.First();
            var minimal = await MinimizeAsync(world, request, S3ReplyInvariants.Kind(failure));
            report.Append($"request #{index} (and {group.Count() - 1} more like it): {failure}\n{minimal.Describe()}\n");
        }
        var audit = await S3StoreAudit.RunAsync(world);
        await world.CountUploadsOfLostRepliesAsync();
        audit.AddRange(await StoreAudit.RunAsync(server, world.StartedLargeFiles));
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

    private static async Task<(RawResponse? Response, string? Failure)> SendAndCheckAsync(S3FuzzWorld world, RawRequest request)
    {
        try
        {
            var response = await world.Http.SendAsync(request);
            return (response, S3ReplyInvariants.Check(request, response));
        }
        catch (TimeoutException e)
        {
            return (null, "no reply: " + e.Message);
        }
        catch (IOException e)
        {
            return (null, request.HalfClose ? null : "no reply: " + e.Message);
        }
    }

    /// <summary>
    /// Drops unsigned parts one at a time while the same failure persists: headers other than the signature's, and
    /// for presigned requests nothing (every query parameter is signed).
    /// </summary>
    private static async Task<RawRequest> MinimizeAsync(S3FuzzWorld world, RawRequest request, string kind)
    {
        var current = request;
        var signed = (request.Header("Authorization") ?? "").Split("SignedHeaders=", 2) is [_, var rest] ? rest.Split(',')[0].Split(';') : [];
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var reduced = false;
            for (var i = 0; i < current.Headers.Count && !reduced; i++)
            {
                var name = current.Headers[i].Key;
                if (name == "Authorization" || signed.Contains(name.ToLowerInvariant()))
                {
                    continue;
                }
                var index = i;
                var candidate = current.WithHeaders(current.Headers.Where((_, j) => j != index));
                var (_, failure) = await SendAndCheckAsync(world, candidate);
                if (failure is not null && S3ReplyInvariants.Kind(failure) == kind)
                {
                    current = candidate;
                    reduced = true;
                }
            }
            if (!reduced)
            {
                break;
            }
        }
        return current;
    }
}
