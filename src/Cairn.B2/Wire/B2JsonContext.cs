using System.Text.Json.Serialization;

namespace Cairn.B2.Wire;

/// <summary>
/// Source-generated serialization of every B2 response. camelCase names; nulls are written (B2 sends every
/// documented key), except where a property opts out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(AuthorizeAccountV1Response))]
[JsonSerializable(typeof(AuthorizeAccountV2Response))]
[JsonSerializable(typeof(AuthorizeAccountV3Response))]
[JsonSerializable(typeof(AuthorizeAccountV4Response))]
[JsonSerializable(typeof(BucketResponse))]
[JsonSerializable(typeof(ListBucketsResponse))]
[JsonSerializable(typeof(FileVersionResponse))]
[JsonSerializable(typeof(ListFileNamesResponse))]
[JsonSerializable(typeof(ListFileVersionsResponse))]
[JsonSerializable(typeof(DeleteFileVersionResponse))]
[JsonSerializable(typeof(UpdateFileRetentionResponse))]
[JsonSerializable(typeof(UpdateFileLegalHoldResponse))]
[JsonSerializable(typeof(GetUploadUrlResponse))]
[JsonSerializable(typeof(GetUploadPartUrlResponse))]
[JsonSerializable(typeof(PartResponse))]
[JsonSerializable(typeof(ListPartsResponse))]
[JsonSerializable(typeof(ListUnfinishedLargeFilesResponse))]
[JsonSerializable(typeof(CancelLargeFileResponse))]
[JsonSerializable(typeof(GetDownloadAuthorizationResponse))]
[JsonSerializable(typeof(KeyResponseV1))]
[JsonSerializable(typeof(KeyResponseV4))]
[JsonSerializable(typeof(ListKeysV1Response))]
[JsonSerializable(typeof(ListKeysV4Response))]
[JsonSerializable(typeof(BucketNotificationRulesResponse))]
[JsonSerializable(typeof(AgentTokenResponse))]
[JsonSerializable(typeof(AgentGrantResponse))]
[JsonSerializable(typeof(AgentGrantsResponse))]
public sealed partial class B2JsonContext : JsonSerializerContext;
