using System.Security.Cryptography;
using Cairn.Core.Ids;
using Cairn.Core.Storage;

namespace Cairn.Storage.Tests.Blobs;

/// <summary>
/// What every <see cref="IBlobStore"/> promises. A store's test class inherits this and says how to create one;
/// each test gets a fresh, initialized store.
/// </summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    private IBlobStore? _store;

    protected IBlobStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new, empty store (not yet initialized).</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    public virtual async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(default);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Commit_ThenOpenRead_ReturnsTheBytes()
    {
        var data = RandomBytes(10_000);
        var id = await WriteBlobAsync(data);

        Assert.Equal(data, await ReadAllAsync(id, 0, data.Length));
    }

    [Fact]
    public async Task Commit_EmptyBlob_ReadsBackEmpty()
    {
        var id = await WriteBlobAsync([]);

        Assert.Empty(await ReadAllAsync(id, 0, 0));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 99)]
    [InlineData(37, 13)]
    [InlineData(99, 1)]
    [InlineData(50, 0)]
    [InlineData(100, 0)]
    public async Task OpenRead_Range_ReturnsExactlyThoseBytes(int offset, int length)
    {
        var data = RandomBytes(100);
        var id = await WriteBlobAsync(data);

        Assert.Equal(data.AsSpan(offset, length).ToArray(), await ReadAllAsync(id, offset, length));
    }

    [Fact]
    public async Task OpenRead_Range_StreamIsReadOnlyAndReportsTheRangeLength()
    {
        var id = await WriteBlobAsync(RandomBytes(1000));

        await using var stream = await Store.OpenReadAsync(id, 100, 250, default);

        Assert.True(stream.CanRead);
        Assert.False(stream.CanWrite);
        Assert.Equal(250, stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
    }

    [Fact]
    public async Task OpenRead_Range_SpansChunkBoundaries()
    {
        // Sizes around the buffers and chunks the stores use internally.
        var data = RandomBytes(3 * 1024 * 1024 + 17);
        var id = await WriteBlobAsync(data, chunkSize: 5000);

        foreach (var (offset, length) in new[] { (4095, 2), (16_383, 70_000), (262_143, 1_048_577), (data.Length - 1, 1) })
        {
            Assert.Equal(data.AsSpan(offset, length).ToArray(), await ReadAllAsync(id, offset, length));
        }
    }

    [Fact]
    public async Task OpenRead_RangeBeyondTheEnd_Throws()
    {
        var id = await WriteBlobAsync(RandomBytes(100));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(id, 50, 51, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(id, 101, 0, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(id, -1, 10, default));
    }

    [Fact]
    public async Task OpenRead_MissingBlob_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(IdGenerator.NewBlobId(), 0, 0, default));
    }

    [Fact]
    public async Task Write_ManySizes_ReadsBackInOrder()
    {
        // Writes smaller than, equal to and larger than the writers' buffers, in an awkward order.
        int[] sizes = [1, 16_383, 2, 16_384, 300_000, 5, 262_144, 262_145, 7, 0, 1_000_000, 3];
        var data = RandomBytes(sizes.Sum());
        var id = IdGenerator.NewBlobId();
        await using (var writer = await Store.CreateAsync(id, default))
        {
            var offset = 0;
            foreach (var size in sizes)
            {
                await writer.WriteAsync(data.AsMemory(offset, size), default);
                offset += size;
                Assert.Equal(offset, writer.Length);
            }
            await writer.CommitAsync(default);
        }

        Assert.Equal(data, await ReadAllAsync(id, 0, data.Length));
    }

    [Fact]
    public async Task Write_CallerReusesItsBuffer_BlobKeepsWhatWasWritten()
    {
        var id = IdGenerator.NewBlobId();
        var buffer = new byte[1000];
        await using (var writer = await Store.CreateAsync(id, default))
        {
            for (var i = 0; i < 100; i++)
            {
                buffer.AsSpan().Fill((byte)i);
                await writer.WriteAsync(buffer, default);
            }
            await writer.CommitAsync(default);
        }

        var read = await ReadAllAsync(id, 0, 100_000);
        for (var i = 0; i < 100; i++)
        {
            Assert.All(read.AsSpan(i * 1000, 1000).ToArray(), b => Assert.Equal((byte)i, b));
        }
    }

    [Fact]
    public async Task Write_Uncommitted_IsInvisible()
    {
        var id = IdGenerator.NewBlobId();
        await using var writer = await Store.CreateAsync(id, default);
        await writer.WriteAsync(RandomBytes(100), default);

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(id, 0, 0, default));
        Assert.DoesNotContain(id, await ListIdsAsync());
    }

    [Fact]
    public async Task Dispose_WithoutCommit_DiscardsTheBlob()
    {
        var id = IdGenerator.NewBlobId();
        await using (var writer = await Store.CreateAsync(id, default))
        {
            await writer.WriteAsync(RandomBytes(100_000), default);
        }

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(id, 0, 0, default));
        Assert.DoesNotContain(id, await ListIdsAsync());
    }

    [Fact]
    public async Task Dispose_WithoutCommit_AfterWritesLargerThanTheBuffers_DiscardsTheBlob()
    {
        // Several buffers' worth, so a filesystem writer has already written part of the blob to its file when it is disposed.
        var id = IdGenerator.NewBlobId();
        await using (var writer = await Store.CreateAsync(id, default))
        {
            for (var i = 0; i < 8; i++)
            {
                await writer.WriteAsync(RandomBytes(300_001), default);
            }
        }

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(id, 0, 0, default));
        Assert.DoesNotContain(id, await ListIdsAsync());
    }

    [Fact]
    public async Task Write_AfterCommit_Throws()
    {
        await using var writer = await Store.CreateAsync(IdGenerator.NewBlobId(), default);
        await writer.WriteAsync(RandomBytes(10), default);
        await writer.CommitAsync(default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(RandomBytes(10), default).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(default));
    }

    [Fact]
    public async Task Delete_RemovesTheBlob()
    {
        var id = await WriteBlobAsync(RandomBytes(10));

        await Store.DeleteAsync(id, default);

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(id, 0, 0, default));
        Assert.DoesNotContain(id, await ListIdsAsync());
    }

    [Fact]
    public async Task Delete_MissingBlob_IsNotAnError()
    {
        var id = await WriteBlobAsync(RandomBytes(10));

        await Store.DeleteAsync(id, default);
        await Store.DeleteAsync(id, default);
        await Store.DeleteAsync(IdGenerator.NewBlobId(), default);
    }

    [Fact]
    public async Task List_ReturnsEveryCommittedBlobWithItsWriteTime()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await WriteBlobAsync(RandomBytes(i)));
        }

        var listed = new List<StoredBlob>();
        await foreach (var blob in Store.ListAsync(default))
        {
            listed.Add(blob);
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(b => b.BlobId).Order(StringComparer.Ordinal));
        Assert.All(listed, b => Assert.InRange(b.LastWriteTime, before, DateTimeOffset.UtcNow.AddSeconds(5)));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("../../../../../../../../../../tmp")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("01/3456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcde\0")]
    [InlineData("")]
    public async Task InvalidBlobId_IsRefusedByEveryMethod(string blobId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(blobId, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(blobId, 0, 0, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(blobId, default));
    }

    [Fact]
    public async Task LargeBlob_WrittenInChunks_ReadsBackWithTheSameSha1()
    {
        const int size = 64 * 1024 * 1024;
        var chunk = RandomBytes(1024 * 1024 + 7);
        var id = IdGenerator.NewBlobId();
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        await using (var writer = await Store.CreateAsync(id, default))
        {
            var written = 0;
            while (written < size)
            {
                var n = Math.Min(chunk.Length, size - written);
                // Vary the bytes so that a misplaced chunk changes the hash.
                chunk[0] = (byte)(written / chunk.Length);
                expected.AppendData(chunk, 0, n);
                await writer.WriteAsync(chunk.AsMemory(0, n), default);
                written += n;
            }
            await writer.CommitAsync(default);
            Assert.Equal(size, writer.Length);
        }

        await using var stream = await Store.OpenReadAsync(id, 0, size, default);
        Assert.Equal(expected.GetHashAndReset(), await SHA1.HashDataAsync(stream));
    }

    [Fact]
    public async Task Commit_ManyConcurrentSmallBlobs_AllReadBack()
    {
        var blobs = Enumerable.Range(0, 200).Select(i => (Id: IdGenerator.NewBlobId(), Data: RandomBytes(i * 40))).ToArray();

        await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (blob, ct) =>
        {
            await using var writer = await Store.CreateAsync(blob.Id, ct);
            await writer.WriteAsync(blob.Data, ct);
            await writer.CommitAsync(ct);
        });

        foreach (var (id, data) in blobs)
        {
            Assert.Equal(data, await ReadAllAsync(id, 0, data.Length));
        }
    }

    protected async Task<string> WriteBlobAsync(byte[] data, int chunkSize = 4096)
    {
        var id = IdGenerator.NewBlobId();
        await using var writer = await Store.CreateAsync(id, default);
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            await writer.WriteAsync(data.AsMemory(offset, Math.Min(chunkSize, data.Length - offset)), default);
        }
        await writer.CommitAsync(default);
        return id;
    }

    protected async Task<byte[]> ReadAllAsync(string id, long offset, long length)
    {
        await using var stream = await Store.OpenReadAsync(id, offset, length, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected async Task<List<string>> ListIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var blob in Store.ListAsync(default))
        {
            ids.Add(blob.BlobId);
        }
        return ids;
    }

    protected static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);
}
