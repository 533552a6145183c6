using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Files;

namespace Cairn.Core.Encryption;

/// <summary>Which encryption a new file gets, and who may read an encrypted one.</summary>
public static class SseRules
{
    /// <summary>What was asked, else the bucket's default; null means plaintext.</summary>
    public static FileEncryption? ForNewFile(EncryptionRequest? requested, Bucket bucket) => (requested?.Mode ?? bucket.DefaultServerSideEncryption) switch
    {
        null or SseModes.None => null,
        SseModes.SseB2 => FileEncryption.SseB2,
        SseModes.SseC => new FileEncryption(SseModes.SseC, requested!.Key!.Md5),
        var mode => throw Fail.BadRequest($"Unknown server-side encryption mode {mode}"),
    };

    /// <summary>
    /// Reading an SSE-C file's content (download, copy source) needs its key: missing or wrong is 403 access_denied,
    /// which b2sdk turns into <c>SSECKeyError</c>. Keys given for files that are not SSE-C are not used.
    /// </summary>
    public static void RequireReadKey(FileVersion version, CustomerKey? key)
    {
        if (version.Encryption is { Mode: SseModes.SseC } encryption && !encryption.IsKey(key))
        {
            throw WrongKey();
        }
    }

    /// <summary>
    /// A download of an SSE-C file needs its key, as <see cref="RequireReadKey"/>. A HEAD without any key is answered:
    /// it returns no content, only what b2_get_file_info shows anyway, and b2sdk's get_file_info_by_name sends none.
    /// </summary>
    public static void RequireDownloadKey(FileVersion version, CustomerKey? key, bool headOnly)
    {
        if (!headOnly || key is not null)
        {
            RequireReadKey(version, key);
        }
    }

    /// <summary>
    /// A part of a large file (b2_upload_part headers, b2_copy_part's destination) must use the file's encryption: the
    /// SSE-C key given at start, checked by its MD5; an SSE-B2 or plaintext file accepts no customer key.
    /// </summary>
    public static CustomerKey? RequirePartKey(FileVersion file, EncryptionRequest? requested)
    {
        var encryption = file.Encryption;
        if (encryption is { Mode: SseModes.SseC })
        {
            if (requested?.Key is null)
            {
                throw Fail.BadRequest("The large file uses SSE-C: every part needs the customer key it was started with");
            }
            return encryption.IsKey(requested.Key)
                ? requested.Key
                : throw Fail.BadRequest("The SSE-C key does not match the key the large file was started with");
        }
        var mode = requested?.Mode ?? SseModes.None;
        if (mode != SseModes.None && mode != (encryption?.Mode ?? SseModes.None))
        {
            throw Fail.BadRequest($"The large file is {(encryption is null ? "not encrypted" : encryption.Mode)}; a part cannot be {mode}");
        }
        return null;
    }

    /// <summary>The 403 for a missing or wrong SSE-C key.</summary>
    public static CairnException WrongKey() =>
        new(CairnError.AccessDenied, "The file is encrypted with SSE-C: send the customer key it was uploaded with");
}
