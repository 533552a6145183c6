using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cairn.Core.Files;
using Cairn.Core.Replication;

namespace Cairn.Server.Replication;

/// <summary>
/// Replicas in other B2-compatible services (<see cref="ReplicationOptions.Remotes"/>), written through the B2 Native
/// API with each remote's configured key: a small file with b2_upload_file, a large file as a large file there
/// (b2_start_large_file, b2_upload_part, b2_finish_large_file), every body verified by its SHA-1 (hex_digits_at_end).
/// A destination bucket belongs to the first remote whose key lists it. When that remote shows the bucket's
/// <c>sourceToDestinationKeyMapping</c>, it must map the source bucket's <c>sourceApplicationKeyId</c> to the remote's
/// key, as B2 requires of a destination.
/// </summary>
public sealed partial class B2ReplicationRemotes : IReplicationRemotes, IDisposable
{
    private readonly ReplicationOptions _options;
    private readonly ILogger<B2ReplicationRemotes> _logger;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromHours(1) };
    private readonly ConcurrentDictionary<int, B2RemoteSession> _sessions = new();

    public B2ReplicationRemotes(ReplicationOptions options, ILogger<B2ReplicationRemotes> logger)
    {
        _options = options;
        _logger = logger;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Cairn-Replication/1");
    }

    public async Task<bool> HasBucketAsync(string bucketId, CancellationToken cancellationToken) =>
        await FindAsync(bucketId, cancellationToken) is not null;

    public async Task<bool> TryWriteReplicaAsync(string bucketId, string? sourceApplicationKeyId, FileVersion source, bool asLargeFile,
        Func<long, long, Stream, CancellationToken, Task> copyContent, CancellationToken cancellationToken)
    {
        if (await FindAsync(bucketId, cancellationToken) is not { } found)
        {
            return false;
        }
        var (index, session, bucket) = found;
        if (!MappingAllows(bucket, sourceApplicationKeyId, _options.Remotes[index].ApplicationKeyId))
        {
            return false;
        }
        try
        {
            var parts = asLargeFile ? PartCount(source.ContentLength, session) : 1;
            if (parts >= 2)
            {
                await UploadLargeAsync(session, bucketId, source, parts, copyContent, cancellationToken);
            }
            else
            {
                await UploadSmallAsync(session, bucketId, source, copyContent, cancellationToken);
            }
            return true;
        }
        catch (B2RemoteException e) when (e.Status == 401)
        {
            _sessions.TryRemove(index, out _); // an expired token: the next attempt authorizes again
            throw;
        }
    }

    /// <summary>Equal parts, at least two, each at least the remote's minimum and about its recommended size; 1 when too short.</summary>
    private static int PartCount(long length, B2RemoteSession session)
    {
        var count = Math.Max(2, (int)Math.Min(10_000, (length + session.RecommendedPartSize - 1) / Math.Max(1, session.RecommendedPartSize)));
        return length / count >= Math.Max(1, session.AbsoluteMinimumPartSize) ? count : 1;
    }

    private static async Task UploadSmallAsync(B2RemoteSession session, string bucketId, FileVersion source,
        Func<long, long, Stream, CancellationToken, Task> copyContent, CancellationToken cancellationToken)
    {
        var url = await session.CallAsync("b2_get_upload_url", new JsonObject { ["bucketId"] = bucketId }, cancellationToken);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("X-Bz-File-Name", Uri.EscapeDataString(source.FileName)),
            new("X-Bz-Content-Sha1", "hex_digits_at_end"),
        };
        headers.AddRange(source.FileInfo.Select(i => new KeyValuePair<string, string>("X-Bz-Info-" + i.Key, Uri.EscapeDataString(i.Value))));
        using var content = new ReplicaContent(copyContent, 0, source.ContentLength);
        content.Headers.TryAddWithoutValidation("Content-Type", source.ContentType);
        await session.PostContentAsync((string)url["uploadUrl"]!, (string)url["authorizationToken"]!, content, headers, cancellationToken);
    }

    private static async Task UploadLargeAsync(B2RemoteSession session, string bucketId, FileVersion source, int parts,
        Func<long, long, Stream, CancellationToken, Task> copyContent, CancellationToken cancellationToken)
    {
        var info = new JsonObject();
        foreach (var (key, value) in source.FileInfo)
        {
            info[key] = value;
        }
        var started = await session.CallAsync("b2_start_large_file", new JsonObject
        {
            ["bucketId"] = bucketId,
            ["fileName"] = source.FileName,
            ["contentType"] = source.ContentType,
            ["fileInfo"] = info,
        }, cancellationToken);
        var fileId = (string)started["fileId"]!;
        try
        {
            var url = await session.CallAsync("b2_get_upload_part_url", new JsonObject { ["fileId"] = fileId }, cancellationToken);
            var size = source.ContentLength / parts;
            var sha1s = new JsonArray();
            for (var i = 0; i < parts; i++)
            {
                var offset = i * size;
                var length = i == parts - 1 ? source.ContentLength - offset : size;
                using var content = new ReplicaContent(copyContent, offset, length);
                await session.PostContentAsync((string)url["uploadUrl"]!, (string)url["authorizationToken"]!, content,
                [
                    new("X-Bz-Part-Number", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("X-Bz-Content-Sha1", "hex_digits_at_end"),
                ], cancellationToken);
                sha1s.Add(content.Sha1);
            }
            await session.CallAsync("b2_finish_large_file", new JsonObject { ["fileId"] = fileId, ["partSha1Array"] = sha1s }, cancellationToken);
        }
        catch
        {
            // Leave no unfinished large file behind; the next attempt starts afresh.
            try
            {
                await session.CallAsync("b2_cancel_large_file", new JsonObject { ["fileId"] = fileId }, CancellationToken.None);
            }
            catch (Exception e) when (e is B2RemoteException or HttpRequestException or TaskCanceledException)
            {
            }
            throw;
        }
    }

    /// <summary>Readable mapping that does not map the source key to this remote's key: refused. Unreadable: allowed.</summary>
    private static bool MappingAllows(JsonObject bucket, string? sourceKeyId, string remoteKeyId)
    {
        if (bucket["replicationConfiguration"] is not JsonObject wrapper || wrapper["isClientAuthorizedToRead"]?.GetValue<bool>() != true
            || wrapper["value"] is not JsonObject value || value["asReplicationDestination"] is not JsonObject destination
            || destination["sourceToDestinationKeyMapping"] is not JsonObject mapping)
        {
            return true;
        }
        return sourceKeyId is not null && mapping[sourceKeyId] is JsonValue mapped && mapped.GetValue<string>() == remoteKeyId;
    }

    private async Task<(int Index, B2RemoteSession Session, JsonObject Bucket)?> FindAsync(string bucketId, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _options.Remotes.Count; i++)
        {
            try
            {
                var session = await SessionAsync(i, cancellationToken);
                var listed = await session.CallAsync("b2_list_buckets", new JsonObject { ["accountId"] = session.AccountId, ["bucketId"] = bucketId }, cancellationToken);
                if (listed["buckets"] is JsonArray { Count: > 0 } buckets && buckets[0] is JsonObject bucket)
                {
                    return (i, session, bucket);
                }
            }
            catch (Exception e) when (e is B2RemoteException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (e is B2RemoteException { Status: 401 })
                {
                    _sessions.TryRemove(i, out _);
                }
                LogRemoteUnavailable(_logger, _options.Remotes[i].Endpoint, e.Message);
            }
        }
        return null;
    }

    private async Task<B2RemoteSession> SessionAsync(int index, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(index, out var session))
        {
            return session;
        }
        var remote = _options.Remotes[index];
        session = await B2RemoteSession.AuthorizeAsync(_http, remote.Endpoint, remote.ApplicationKeyId, remote.ApplicationKey, cancellationToken);
        _sessions[index] = session;
        return session;
    }

    public void Dispose() => _http.Dispose();

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Replication remote {Endpoint} could not be asked: {Problem}")]
    private static partial void LogRemoteUnavailable(ILogger logger, string endpoint, string problem);
}
