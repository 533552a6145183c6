using Cairn.Core.Ids;
using Cairn.Core.Storage;
using Cairn.Storage.FileSystem;

namespace Cairn.Storage.Tests.Blobs;

/// <summary>The blob contract on the filesystem store, writing unnamed files (O_TMPFILE) or named ones under tmp/.</summary>
public abstract class FileSystemBlobStoreTests : BlobStoreContract
{
    /// <summary>Whether the store under test writes unnamed temporary files.</summary>
    protected abstract bool Unnamed { get; }

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cairn-fs-tests", Guid.NewGuid().ToString("N"));

    private string Tmp => Path.Combine(_root, "tmp");

    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(NewStore());

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Commit_PlacesTheBlobInTheDirectoryNamedByItsFirstTwoHexDigits()
    {
        var id = await WriteBlobAsync(RandomBytes(10));

        Assert.True(File.Exists(Path.Combine(_root, "blobs", id[..2], id)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Tmp));
    }

    [Fact]
    public async Task Write_Uncommitted_HasNoNameUnderBlobs_AndANamedOneOnlyInTmp()
    {
        await using var writer = await Store.CreateAsync(IdGenerator.NewBlobId(), default);
        await writer.WriteAsync(RandomBytes(100_000), default);

        Assert.Equal(Unnamed ? 0 : 1, Directory.EnumerateFiles(Tmp).Count());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Dispose_WithoutCommit_DeletesTheTemporaryFile()
    {
        await using (var writer = await Store.CreateAsync(IdGenerator.NewBlobId(), default))
        {
            await writer.WriteAsync(RandomBytes(100_000), default);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Tmp));
    }

    [Fact]
    public async Task Initialize_DeletesWhatACrashLeftInTmp()
    {
        var abandoned = await Store.CreateAsync(IdGenerator.NewBlobId(), default);
        await abandoned.WriteAsync(RandomBytes(100_000), default);
        await File.WriteAllTextAsync(Path.Combine(Tmp, "stray"), "x");
        Directory.CreateDirectory(Path.Combine(Tmp, "dir", "nested"));
        var committed = await WriteBlobAsync(RandomBytes(10));

        var restarted = NewStore();
        await restarted.InitializeAsync(default);

        Assert.Empty(Directory.EnumerateFileSystemEntries(Tmp));
        await using var stream = await restarted.OpenReadAsync(committed, 0, 10, default);
        Assert.Equal(10, stream.Length);
    }

    [Fact]
    public async Task Initialize_WithAGrace_KeepsWhatAnotherNodeMayStillBeWriting()
    {
        await using var writing = await Store.CreateAsync(IdGenerator.NewBlobId(), default);
        await writing.WriteAsync(RandomBytes(100_000), default);
        await File.WriteAllTextAsync(Path.Combine(Tmp, "recent"), "x");
        var old = Path.Combine(Tmp, "old");
        await File.WriteAllTextAsync(old, "x");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        // A second node starting on the shared directory while the first writes.
        var second = new FileSystemBlobStore(new FileSystemBlobStoreOptions
        {
            RootDirectory = _root,
            UseUnnamedTemporaryFiles = Unnamed,
            TemporaryFileGrace = TimeSpan.FromHours(1),
        });
        await second.InitializeAsync(default);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(Path.Combine(Tmp, "recent")));
        await writing.CommitAsync(default);
        await using var stream = await second.OpenReadAsync(writing.BlobId, 0, 100_000, default);
        Assert.Equal(100_000, stream.Length);
    }

    [Fact]
    public async Task Restart_SeesCommittedBlobsAndWritesIntoExistingDirectories()
    {
        var first = await WriteBlobAsync(RandomBytes(10));
        var restarted = NewStore();
        await restarted.InitializeAsync(default);

        // Same directories as the first blob, which the new instance did not create.
        var second = first[..4] + IdGenerator.NewBlobId()[4..];
        await using (var writer = await restarted.CreateAsync(second, default))
        {
            await writer.WriteAsync(RandomBytes(20), default);
            await writer.CommitAsync(default);
        }

        await using var a = await restarted.OpenReadAsync(first, 0, 10, default);
        await using var b = await restarted.OpenReadAsync(second, 0, 20, default);
    }

    [Fact]
    public async Task List_SkipsFilesThatAreNotBlobsInTheirPlace()
    {
        var id = await WriteBlobAsync(RandomBytes(10));
        var directory = Path.Combine(_root, "blobs", id[..2]);
        await File.WriteAllTextAsync(Path.Combine(directory, "not-a-blob"), "x");
        await File.WriteAllTextAsync(Path.Combine(directory, id.ToUpperInvariant()), "x");
        var misplaced = IdGenerator.NewBlobId();
        Directory.CreateDirectory(Path.Combine(_root, "blobs", "zz"));
        await File.WriteAllTextAsync(Path.Combine(_root, "blobs", "zz", misplaced), "x");
        var other = IdGenerator.NewBlobId();
        var wrongDirectory = Path.Combine(_root, "blobs", other[..2] == "00" ? "01" : "00");
        await File.WriteAllTextAsync(Path.Combine(wrongDirectory, other), "x");

        Assert.Equal([id], await ListIdsAsync());
    }

    [Fact]
    public async Task Initialize_CreatesAll256Directories()
    {
        await Store.InitializeAsync(default);
        Assert.Equal(256, Directory.GetDirectories(Path.Combine(_root, "blobs")).Length);
    }

    [Fact]
    public void Options_WithoutRootDirectory_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new FileSystemBlobStore(new FileSystemBlobStoreOptions()));
    }

    private FileSystemBlobStore NewStore() => new(new FileSystemBlobStoreOptions { RootDirectory = _root, UseUnnamedTemporaryFiles = Unnamed });
}

/// <summary>The default: O_TMPFILE files in their final directory, linked into place on commit.</summary>
public sealed class FileSystemUnnamedTempBlobStoreTests : FileSystemBlobStoreTests
{
    protected override bool Unnamed => true;
}

/// <summary>The fallback for filesystems without O_TMPFILE: named files under tmp/, renamed into place.</summary>
public sealed class FileSystemNamedTempBlobStoreTests : FileSystemBlobStoreTests
{
    protected override bool Unnamed => false;
}
