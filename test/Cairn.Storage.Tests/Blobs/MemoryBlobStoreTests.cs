using Cairn.Core.Storage;
using Cairn.Storage.Memory;

namespace Cairn.Storage.Tests.Blobs;

public sealed class MemoryBlobStoreTests : BlobStoreContract
{
    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new MemoryBlobStore());
}
