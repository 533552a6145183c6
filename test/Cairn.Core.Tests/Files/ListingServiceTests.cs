using Cairn.Core.Auth;
using Cairn.Core.Buckets;
using Cairn.Core.Files;
using Cairn.Core.Ids;
using Cairn.Core.Keys;
using Cairn.Storage.Memory;

namespace Cairn.Core.Tests.Files;

/// <summary>
/// Listing with prefixes, delimiters and every page size is checked against a naive model over the same names:
/// walking all pages must give exactly the model's entries, in order, once each.
/// </summary>
public class ListingServiceTests
{
    private const string AccountId = "0123456789ab";
    private readonly MemoryMetadataStore _store = new();
    private readonly Principal _master = new(new ApplicationKey
    {
        ApplicationKeyId = AccountId,
        AccountId = AccountId,
        KeyName = "master",
        Capabilities = Capabilities.All,
        SecretHash = "x",
        IsMaster = true,
    });

    private static readonly string[] Names =
    [
        "photos/alice.jpg", "photos/cats/fluffy.jpg", "photos/cats/mittens.jpg", "photos/dogs/spot.jpg", "photos/lilly.jpg",
        "a", "a/b", "a/b/c", "a/b/d", "a/c", "a0", "b/", "b//x", "\U0001F600/x", "\uE000/y", "é/z", "top.txt", "hidden/one", "hidden/two",
    ];

    [Theory]
    [CombinatorialLikeData]
    public async Task ListFileNames_AllPages_MatchModel(string prefix, string? delimiter, int pageSize)
    {
        var (listing, bucketId) = await SetUpAsync();
        var expected = Model(VisibleNames(), prefix, delimiter);
        var actual = new List<string>();
        string? start = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await listing.ListFileNamesAsync(_master, new ListFilesQuery { BucketId = bucketId, Prefix = prefix, Delimiter = delimiter, StartFileName = start, MaxFileCount = pageSize }, default);
            Assert.True(page.Entries.Count <= pageSize);
            actual.AddRange(page.Entries.Select(e => e.Name));
            if (page.NextFileName is null)
            {
                break;
            }
            start = page.NextFileName;
        }
        Assert.Equal(expected, actual);
    }

    [Theory]
    [CombinatorialLikeData]
    public async Task ListFileVersions_AllPages_MatchModel(string prefix, string? delimiter, int pageSize)
    {
        var (listing, bucketId) = await SetUpAsync();
        var versionsPerName = Names.ToDictionary(n => n, n => n.StartsWith("hidden/", StringComparison.Ordinal) ? 3 : n == "a" ? 2 : 1);
        var expected = ModelVersions(versionsPerName, prefix, delimiter);
        var actual = new List<string>();
        string? start = null, startId = null;
        for (var pages = 0; pages < 200; pages++)
        {
            var page = await listing.ListFileVersionsAsync(_master, new ListFilesQuery { BucketId = bucketId, Prefix = prefix, Delimiter = delimiter, StartFileName = start, StartFileId = startId, MaxFileCount = pageSize }, default);
            actual.AddRange(page.Entries.Select(e => e.Name));
            if (page.NextFileName is null)
            {
                break;
            }
            (start, startId) = (page.NextFileName, page.NextFileId);
        }
        Assert.Equal(expected, actual);
    }

    private static IEnumerable<string> VisibleNames() => Names.Where(n => !n.StartsWith("hidden/", StringComparison.Ordinal));

    private static List<string> Model(IEnumerable<string> names, string prefix, string? delimiter) =>
        names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => FolderOf(n, prefix, delimiter) ?? n)
            .Distinct()
            .OrderBy(n => n, FileNameOrder.Instance)
            .ToList();

    private static List<string> ModelVersions(Dictionary<string, int> versions, string prefix, string? delimiter)
    {
        var entries = new List<string>();
        foreach (var name in versions.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(n => n, FileNameOrder.Instance))
        {
            if (FolderOf(name, prefix, delimiter) is { } folder)
            {
                if (!entries.Contains(folder))
                {
                    entries.Add(folder);
                }
                continue;
            }
            entries.AddRange(Enumerable.Repeat(name, versions[name]));
        }
        return entries;
    }

    private static string? FolderOf(string name, string prefix, string? delimiter)
    {
        if (delimiter is null)
        {
            return null;
        }
        var at = name.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : name[..(at + delimiter.Length)];
    }

    private async Task<(ListingService Listing, string BucketId)> SetUpAsync()
    {
        var options = new ObjectServiceOptions();
        var buckets = new BucketService(_store, options, TimeProvider.System);
        var bucket = await buckets.CreateAsync(_master, AccountId, new NewBucket { BucketName = "listing-" + IdGenerator.RandomHex(8), BucketType = BucketTypes.AllPrivate }, default);
        var t = 1_000_000L;
        foreach (var name in Names)
        {
            await InsertAsync(bucket.BucketId, name, FileAction.Upload, t++);
            if (name == "a")
            {
                await InsertAsync(bucket.BucketId, name, FileAction.Upload, t++);
            }
            if (name.StartsWith("hidden/", StringComparison.Ordinal))
            {
                await InsertAsync(bucket.BucketId, name, FileAction.Upload, t++);
                await InsertAsync(bucket.BucketId, name, FileAction.Hide, t++);
            }
        }
        return (new ListingService(_store, buckets), bucket.BucketId);
    }

    private Task InsertAsync(string bucketId, string name, FileAction action, long timestamp) =>
        _store.InsertFileVersionAsync(new FileVersion
        {
            FileId = IdGenerator.NewFileId(bucketId, FileIdKind.Small, DateTimeOffset.FromUnixTimeMilliseconds(timestamp)),
            AccountId = AccountId,
            BucketId = bucketId,
            FileName = name,
            Action = action,
            ContentSha1 = EmptyContent.Sha1,
            ContentType = "text/plain",
            UploadTimestamp = timestamp,
        }, default);

    private sealed class CombinatorialLikeDataAttribute : Xunit.Sdk.DataAttribute
    {
        public override IEnumerable<object?[]> GetData(System.Reflection.MethodInfo testMethod)
        {
            foreach (var prefix in new[] { "", "photos/", "a", "a/", "b/", "hidden/", "nothing" })
            {
                foreach (var delimiter in new[] { null, "/" })
                {
                    foreach (var pageSize in new[] { 1, 2, 3, 100 })
                    {
                        yield return [prefix, delimiter, pageSize];
                    }
                }
            }
        }
    }
}
