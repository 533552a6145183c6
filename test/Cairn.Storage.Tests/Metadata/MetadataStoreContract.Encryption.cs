using Cairn.Core.Encryption;
using Cairn.Core.Files;
using Cairn.Core.Ids;

namespace Cairn.Storage.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private const string SseB2Envelope = "b2:AAECAwQFBgcICQoLDA0ODw==:KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";
    private const string SseCEnvelope = "c:EBESExQVFhcYGRobHB0eHw==:SWx9GFv5BTT1jdwf48Bx+Q==";

    [Fact]
    public async Task InsertFileVersion_Encrypted_KeepsModeKeyMd5AndSegmentEnvelopes()
    {
        var bucket = await AddBucketAsync();
        var sseB2 = NewUpload(bucket.BucketId, "b2") with
        {
            Encryption = FileEncryption.SseB2,
            Segments = [new BlobSegment(IdGenerator.NewBlobId(), 0, 10, SseB2Envelope), new BlobSegment(IdGenerator.NewBlobId(), 5, 3, SseB2Envelope)],
        };
        var sseC = NewUpload(bucket.BucketId, "c") with
        {
            Encryption = new FileEncryption(SseModes.SseC, "SWx9GFv5BTT1jdwf48Bx+Q=="),
            Segments = [new BlobSegment(IdGenerator.NewBlobId(), 0, 10, SseCEnvelope)],
        };
        await AddAsync(sseB2);
        await AddAsync(sseC);

        AssertSameVersion(sseB2, await Store.GetFileVersionAsync(sseB2.FileId, Ct));
        AssertSameVersion(sseC, await Store.GetFileVersionAsync(sseC.FileId, Ct));
        // Several versions at once read their segments in one query.
        var listed = await Store.ListUnfinishedLargeFilesAsync(bucket.BucketId, "", null, 10, Ct);
        Assert.Empty(listed);
    }

    [Fact]
    public async Task Parts_Encrypted_KeepTheirEnvelope_AndFinishedSegmentsCarryIt()
    {
        var bucket = await AddBucketAsync();
        var start = await AddAsync(NewStart(bucket.BucketId, "big") with { Encryption = FileEncryption.SseB2 });
        var parts = new[] { NewPart(start.FileId, 1) with { Key = SseB2Envelope }, NewPart(start.FileId, 2) with { Key = SseB2Envelope.Replace('A', 'B') } };
        foreach (var part in parts)
        {
            await Store.UpsertPartAsync(part, Ct);
        }
        var replaced = parts[1] with { BlobId = IdGenerator.NewBlobId(), Key = SseCEnvelope };
        await Store.UpsertPartAsync(replaced, Ct);

        var listed = await Store.ListPartsAsync(start.FileId, 1, 10, Ct);
        Assert.Equal([parts[0], replaced], listed);

        var finished = Finished(start, listed) with { Segments = listed.Select(p => new BlobSegment(p.BlobId, 0, p.ContentLength, p.Key)).ToList() };
        Assert.True(await Store.FinishLargeFileAsync(finished, Ct));
        var stored = await Store.GetFileVersionAsync(start.FileId, Ct);
        AssertSameVersion(finished, stored);
        Assert.Equal(FileEncryption.SseB2, stored!.Encryption);
    }
}
