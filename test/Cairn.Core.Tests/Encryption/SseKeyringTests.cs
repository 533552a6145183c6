using System.Security.Cryptography;
using Cairn.Core.Encryption;
using Cairn.Core.Errors;
using Cairn.Storage.Memory;

namespace Cairn.Core.Tests.Encryption;

public class SseKeyringTests
{
    private readonly MemoryBlobStore _blobs = new();

    [Fact]
    public async Task SealThenOpen_SseB2_StoresCiphertextAndDecryptsAnyRange()
    {
        var keyring = new SseKeyring(SseMasterKey.Random());
        var plain = RandomNumberGenerator.GetBytes(300_000);

        var (stored, envelope) = await WriteAsync(keyring, plain, FileEncryption.SseB2, null);

        Assert.StartsWith("b2:", envelope);
        Assert.NotEqual(plain, stored);
        using var cipher = keyring.Open(envelope!, null);
        var range = stored.AsSpan(123_457, 70_000).ToArray();
        cipher.Transform(123_457, range);
        Assert.Equal(plain.AsSpan(123_457, 70_000).ToArray(), range);
    }

    [Fact]
    public async Task Seal_TwoBlobsOfTheSameContent_HaveDifferentKeysAndCiphertexts()
    {
        var keyring = new SseKeyring(SseMasterKey.Random());
        var plain = new byte[64];

        var (first, firstEnvelope) = await WriteAsync(keyring, plain, FileEncryption.SseB2, null);
        var (second, secondEnvelope) = await WriteAsync(keyring, plain, FileEncryption.SseB2, null);

        Assert.NotEqual(firstEnvelope, secondEnvelope);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Open_SseB2WithAnotherMasterKey_FailsAsInternal()
    {
        var (_, envelope) = await WriteAsync(new SseKeyring(SseMasterKey.Random()), new byte[10], FileEncryption.SseB2, null);

        var error = Assert.Throws<CairnException>(() => new SseKeyring(SseMasterKey.Random()).Open(envelope!, null));
        Assert.Equal(CairnError.Internal, error.Error);
    }

    [Fact]
    public async Task Open_SseC_NeedsTheSameCustomerKey()
    {
        var keyring = new SseKeyring(SseMasterKey.Random());
        var key = Key(RandomNumberGenerator.GetBytes(32));
        var plain = RandomNumberGenerator.GetBytes(1000);

        var (stored, envelope) = await WriteAsync(keyring, plain, new FileEncryption(SseModes.SseC, key.Md5), key);

        Assert.DoesNotContain(Convert.ToBase64String(key.Secret), envelope);
        Assert.Equal(CairnError.AccessDenied, Assert.Throws<CairnException>(() => keyring.Open(envelope!, null)).Error);
        Assert.Equal(CairnError.AccessDenied, Assert.Throws<CairnException>(() => keyring.Open(envelope!, Key(RandomNumberGenerator.GetBytes(32)))).Error);
        using var cipher = keyring.Open(envelope!, key);
        cipher.Transform(0, stored);
        Assert.Equal(plain, stored);
    }

    [Fact]
    public void CustomerKey_Md5Mismatch_Is400()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var error = Assert.Throws<CairnException>(() => CustomerKey.Parse("AES256", Convert.ToBase64String(secret), Convert.ToBase64String(MD5.HashData(new byte[32])), "test"));
        Assert.Equal(CairnError.BadRequest, error.Error);
        Assert.Throws<CairnException>(() => CustomerKey.Parse("AES256", Convert.ToBase64String(new byte[16]), Convert.ToBase64String(MD5.HashData(new byte[16])), "test"));
        Assert.DoesNotContain(Convert.ToBase64String(secret), Key(secret).ToString());
    }

    private static CustomerKey Key(byte[] secret) =>
        CustomerKey.Parse("AES256", Convert.ToBase64String(secret), Convert.ToBase64String(MD5.HashData(secret)), "test");

    private async Task<(byte[] Stored, string? Envelope)> WriteAsync(SseKeyring keyring, byte[] plain, FileEncryption encryption, CustomerKey? key)
    {
        var blobId = Ids.IdGenerator.NewBlobId();
        string? envelope;
        await using (var writer = keyring.Seal(await _blobs.CreateAsync(blobId, default), encryption, key, out envelope))
        {
            // Write in uneven pieces, as request bodies arrive.
            for (var at = 0; at < plain.Length; at += 70_001)
            {
                await writer.WriteAsync(plain.AsMemory(at, Math.Min(70_001, plain.Length - at)), default);
            }
            await writer.CommitAsync(default);
        }
        await using var stream = await _blobs.OpenReadAsync(blobId, 0, plain.Length, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return (copy.ToArray(), envelope);
    }
}
