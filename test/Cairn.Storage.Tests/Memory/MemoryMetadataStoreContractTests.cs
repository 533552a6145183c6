using Cairn.Core.Storage;
using Cairn.Storage.Memory;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Memory;

/// <summary>The shared metadata contract on the in-memory store (hermetic mode).</summary>
public sealed class MemoryMetadataStoreContractTests : MetadataStoreContract
{
    protected override Task<IMetadataStore> CreateStoreAsync() => Task.FromResult<IMetadataStore>(new MemoryMetadataStore());
}
