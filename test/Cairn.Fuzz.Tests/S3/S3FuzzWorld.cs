using System.Text;
using System.Xml.Linq;
using Cairn.Testing;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>
/// What the S3 fuzz aims at: two buckets with objects (written over S3 and over B2), a multipart upload with part 1
/// uploaded, an application key with every capability and one restricted to one bucket and prefix, whose credentials
/// are sent against everything else. <see cref="ObserveAsync"/> keeps it aimable as the fuzz changes it.
/// </summary>
public sealed class S3FuzzWorld
{
    public const string ScopedPrefix = "scoped/";

    private static readonly string[] AllCapabilities =
    [
        "listBuckets", "readBuckets", "writeBuckets", "deleteBuckets", "listAllBucketNames", "readBucketEncryption", "writeBucketEncryption",
        "readBucketRetentions", "writeBucketRetentions", "readFileRetentions", "writeFileRetentions", "readFileLegalHolds",
        "writeFileLegalHolds", "bypassGovernance", "listFiles", "readFiles", "shareFiles", "writeFiles", "deleteFiles",
    ];

    private readonly HashSet<string> _lostReplies = [];

    private S3FuzzWorld(RawHttp http, string host)
    {
        Http = http;
        Host = host;
    }

    public RawHttp Http { get; }

    public string Host { get; }

    public (string KeyId, string Secret) FullKey { get; private set; }

    /// <summary>Restricted to the home bucket and <see cref="ScopedPrefix"/>.</summary>
    public (string KeyId, string Secret) RestrictedKey { get; private set; }

    public string HomeBucket => "s3fuzz-home";

    public string OtherBucket => "s3fuzz-other";

    public List<string> Keys { get; } = [];

    public string UploadId { get; private set; } = "";

    public string UploadKey => ScopedPrefix + "multipart.bin";

    public string PartETag { get; private set; } = "";

    /// <summary>Every multipart upload (large file) started during the run, by the world or by a request that succeeded.</summary>
    public HashSet<string> StartedLargeFiles { get; } = [];

    public static async Task<S3FuzzWorld> CreateAsync(CairnServer server)
    {
        var uri = new Uri(server.BaseUrl);
        var world = new S3FuzzWorld(new RawHttp(uri.Host, uri.Port), $"{uri.Host}:{uri.Port}");
        using var master = await B2Session.AuthorizeAsync(server, 2);
        var home = await master.CreateBucketAsync(world.HomeBucket);
        var other = await master.CreateBucketAsync(world.OtherBucket);
        world.FullKey = await CreateKeyAsync(master, "s3fuzz-full", AllCapabilities, null, null);
        world.RestrictedKey = await CreateKeyAsync(master, "s3fuzz-restricted", ["listBuckets", "listFiles", "readFiles", "writeFiles", "deleteFiles"], home, ScopedPrefix);
        foreach (var key in new[] { "scoped/one.txt", "scoped/deeper/two.bin", "scoped/r\u00e9sum\u00e9 plus+sign.txt", "outside/four.txt" })
        {
            await world.RequireAsync(world.Put(world.HomeBucket, key, Encoding.UTF8.GetBytes("content of " + key)));
            world.Keys.Add(key);
        }
        await world.RequireAsync(world.Put(world.OtherBucket, "scoped/secret.txt", "another bucket's secret"u8.ToArray()));
        await master.UploadAsync(home, "scoped/by-b2.txt", "written over B2"u8.ToArray());
        world.Keys.Add("scoped/by-b2.txt");
        _ = other;
        await world.RenewUploadAsync();
        return world;
    }

    public S3FuzzCase Put(string bucket, string key, byte[] body)
    {
        var call = new S3FuzzCase { Operation = "PutObject", Method = "PUT", Bucket = bucket, Key = key, Credentials = FullKey, Body = body };
        return call;
    }

    /// <summary>Starts a multipart upload of <see cref="UploadKey"/> with part 1 uploaded.</summary>
    public async Task RenewUploadAsync()
    {
        var create = new S3FuzzCase { Operation = "CreateMultipartUpload", Method = "POST", Bucket = HomeBucket, Key = UploadKey, Credentials = FullKey };
        create.SetQuery("uploads", null);
        var created = await RequireAsync(create);
        UploadId = XDocument.Parse(created.Text).Root!.Elements().First(e => e.Name.LocalName == "UploadId").Value;
        StartedLargeFiles.Add(UploadId);
        var part = new S3FuzzCase { Operation = "UploadPart", Method = "PUT", Bucket = HomeBucket, Key = UploadKey, Credentials = FullKey, Body = "part one of the multipart upload"u8.ToArray() };
        part.SetQuery("partNumber", "1");
        part.SetQuery("uploadId", UploadId);
        var uploaded = await RequireAsync(part);
        PartETag = uploaded.Header("ETag") ?? "";
    }

    /// <summary>Keeps the world aimable: records uploads that were started, renews the upload when it was finished.</summary>
    public async Task ObserveAsync(S3FuzzCase call, RawResponse response)
    {
        // Whatever the request was made from, a reply that started an upload names it.
        if (response.Status == 200 && response.Text.Contains("InitiateMultipartUploadResult", StringComparison.Ordinal) && TryElement(response, "UploadId") is { } started)
        {
            StartedLargeFiles.Add(started);
        }
        else if (response.Status == 200 && call.Method == "POST")
        {
            // A reply cut short (the client lied about its body and the server closed after answering) names nothing.
            ObserveLostReply(call);
        }
        if (response.Status is >= 200 and < 300 && call.Operation is "CompleteMultipartUpload" or "AbortMultipartUpload"
            && call.Query.Any(q => q.Key == "uploadId" && q.Value == UploadId))
        {
            await RenewUploadAsync();
        }
    }

    /// <summary>
    /// A client that lied about its body's length and left gets no reply (or one cut short), but CreateMultipartUpload
    /// reads no body: the upload may start all the same, as when any client dies after sending, and the server may
    /// still be starting it when the client has gone. The bucket is noted and its uploads counted after the run.
    /// </summary>
    public void ObserveLostReply(S3FuzzCase call)
    {
        if (call.Method == "POST" && call.Query.Any(q => q.Key == "uploads") && call.Bucket is not null)
        {
            _lostReplies.Add(call.Bucket);
        }
    }

    /// <summary>After the run, when no request is in flight: the uploads that requests without a reply started.</summary>
    public async Task CountUploadsOfLostRepliesAsync()
    {
        foreach (var bucket in _lostReplies)
        {
            string? keyMarker = null, uploadIdMarker = null;
            for (var page = 0; page < 1000; page++)
            {
                var list = new S3FuzzCase { Operation = "ListMultipartUploads", Method = "GET", Bucket = bucket, Credentials = FullKey };
                list.SetQuery("uploads", null);
                if (keyMarker is not null)
                {
                    list.SetQuery("key-marker", keyMarker);
                    list.SetQuery("upload-id-marker", uploadIdMarker);
                }
                var listed = await SendAsync(list);
                if (listed.Status != 200)
                {
                    break;
                }
                var root = XDocument.Parse(listed.Text).Root!;
                foreach (var id in root.Descendants().Where(e => e.Name.LocalName == "UploadId"))
                {
                    StartedLargeFiles.Add(id.Value);
                }
                keyMarker = root.Elements().FirstOrDefault(e => e.Name.LocalName == "NextKeyMarker")?.Value;
                uploadIdMarker = root.Elements().FirstOrDefault(e => e.Name.LocalName == "NextUploadIdMarker")?.Value;
                if (root.Elements().FirstOrDefault(e => e.Name.LocalName == "IsTruncated")?.Value != "true" || string.IsNullOrEmpty(keyMarker))
                {
                    break;
                }
            }
        }
    }

    public async Task<RawResponse> SendAsync(S3FuzzCase call) => await Http.SendAsync(call.Render(Host));

    private async Task<RawResponse> RequireAsync(S3FuzzCase call)
    {
        var response = await SendAsync(call);
        if (response.Status != 200)
        {
            throw new InvalidOperationException($"seeding {call.Operation} {call.Key} failed: {response.Status} {response.Text}");
        }
        return response;
    }

    private static async Task<(string, string)> CreateKeyAsync(B2Session master, string name, string[] capabilities, string? bucketId, string? prefix)
    {
        var key = bucketId is null
            ? await master.CallAsync("b2_create_key", new { accountId = master.AccountId, keyName = name, capabilities })
            : await master.CallAsync("b2_create_key", new { accountId = master.AccountId, keyName = name, capabilities, bucketId, namePrefix = prefix });
        return (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
    }

    private static string? TryElement(RawResponse response, string name)
    {
        try
        {
            return XDocument.Parse(response.Text).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
