namespace Cairn.Core.Errors;

/// <summary>Factory helpers that keep each throw site to one line.</summary>
public static class Fail
{
    public static CairnException BadRequest(string message) => new(CairnError.BadRequest, message);

    public static CairnException BadJson(string message) => new(CairnError.BadJson, message);

    public static CairnException BucketNotFound(string bucketId) => new(CairnError.BucketNotFound, $"Bucket {bucketId} does not exist");

    public static CairnException InvalidFileId(string fileId) => new(CairnError.BadRequest, $"Invalid fileId: {fileId}");

    public static CairnException Unauthorized(string message = "not authorized") => new(CairnError.Unauthorized, message);

    public static CairnException NotFound(string message) => new(CairnError.NotFound, message);

    public static CairnException FileNotPresent(string message) => new(CairnError.FileNotPresent, message);

    public static CairnException Required(string field) => new(CairnError.BadRequest, $"required field {field} is missing");

    /// <summary>A count outside what the call accepts; B2 documents its own code and this text for maxFileCount.</summary>
    public static CairnException OutOfRange(string field, long value) => new(CairnError.OutOfRange, $"{field} out of range: {value}");

    public static CairnException Invalid(string field, string why) => new(CairnError.BadRequest, $"Invalid {field}: {why}");

    /// <summary>
    /// The disk under the blobs or the metadata has no room left (see <see cref="Storage.DiskFull"/>): temporary storage
    /// trouble, which B2 answers with 503 and its clients retry. Nothing of the request was kept.
    /// </summary>
    public static CairnException StorageFull(Exception cause) =>
        new(CairnError.ServiceUnavailable, "Storage is temporarily unavailable: no space left on the server's disk. Nothing was stored; try again later.", cause);
}
