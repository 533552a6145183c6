using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Storage;

namespace Cairn.Core.Encryption;

/// <summary>
/// Keys for blobs. Writing: a fresh random initial counter per blob and, for SSE-B2, a fresh random data key wrapped
/// with the master key (AES-KWP), for SSE-C the customer's key itself. Reading: the data key unwrapped, or the
/// customer's key after checking that it is the one the blob was written with.
/// </summary>
public sealed class SseKeyring
{
    private readonly SseMasterKey _master;

    public SseKeyring(SseMasterKey master) => _master = master;

    /// <summary>
    /// Wraps <paramref name="writer"/> so that what goes through it is encrypted as <paramref name="encryption"/> says,
    /// and returns the envelope to store with the blob; plaintext (null encryption) returns the writer unchanged.
    /// </summary>
    public IBlobWriter Seal(IBlobWriter writer, FileEncryption? encryption, CustomerKey? key, out string? envelope)
    {
        if (encryption is null)
        {
            envelope = null;
            return writer;
        }
        var counter = RandomNumberGenerator.GetBytes(AesCtr.NonceSize);
        if (encryption.Mode == SseModes.SseB2)
        {
            var dataKey = RandomNumberGenerator.GetBytes(AesCtr.KeySize);
            using var aes = Aes.Create();
            aes.Key = _master.Key;
            envelope = new BlobEnvelope(SseModes.SseB2, counter, aes.EncryptKeyWrapPadded(dataKey), null).Format();
            var cipher = new AesCtr(dataKey, counter);
            CryptographicOperations.ZeroMemory(dataKey);
            return new EncryptingBlobWriter(writer, cipher);
        }
        if (!encryption.IsKey(key))
        {
            // Callers check the key first (SseRules), before they create the blob.
            throw new ArgumentException("The SSE-C key is not the file's key", nameof(key));
        }
        envelope = new BlobEnvelope(SseModes.SseC, counter, null, key!.Md5).Format();
        return new EncryptingBlobWriter(writer, new AesCtr(key.Secret, counter));
    }

    /// <summary>The cipher that decrypts a blob stored with <paramref name="envelope"/>.</summary>
    public AesCtr Open(string envelope, CustomerKey? key)
    {
        var parsed = BlobEnvelope.Parse(envelope);
        if (parsed.Mode == SseModes.SseC)
        {
            return key is not null && key.Md5 == parsed.CustomerKeyMd5
                ? new AesCtr(key.Secret, parsed.InitialCounter)
                : throw SseRules.WrongKey();
        }
        byte[] dataKey;
        using (var aes = Aes.Create())
        {
            aes.Key = _master.Key;
            try
            {
                dataKey = aes.DecryptKeyWrapPadded(parsed.WrappedKey!);
            }
            catch (CryptographicException)
            {
                throw new CairnException(CairnError.Internal,
                    "Cannot unwrap an SSE-B2 data key: the server's SSE master key is not the one this file was written with");
            }
        }
        var cipher = new AesCtr(dataKey, parsed.InitialCounter);
        CryptographicOperations.ZeroMemory(dataKey);
        return cipher;
    }
}
