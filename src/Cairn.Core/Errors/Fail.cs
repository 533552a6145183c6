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

    public static CairnException Invalid(string field, string why) => new(CairnError.BadRequest, $"Invalid {field}: {why}");
}
