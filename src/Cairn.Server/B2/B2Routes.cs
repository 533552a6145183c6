using Cairn.Server.B2.Accounts;
using Cairn.Server.B2.Agents;
using Cairn.Server.B2.Buckets;
using Cairn.Server.B2.Cors;
using Cairn.Server.B2.Downloads;
using Cairn.Server.B2.FileLock;
using Cairn.Server.B2.Files;
using Cairn.Server.B2.Keys;
using Cairn.Server.B2.LargeFiles;
using Cairn.Server.B2.Notifications;

namespace Cairn.Server.B2;

/// <summary>Every B2 Native API endpoint on one screen. Each JSON call answers GET (query) and POST (JSON) under v1–v4.</summary>
public static class B2Routes
{
    private static readonly string[] GetPost = ["GET", "POST"];
    private static readonly string[] GetHead = ["GET", "HEAD"];
    private static readonly string[] GetHeadPost = ["GET", "HEAD", "POST"];
    private static readonly string[] Options = ["OPTIONS"];

    public static IEndpointRouteBuilder MapB2(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/b2api/{version:" + B2VersionConstraint.Name + "}");

        api.MapMethods("/b2_authorize_account", GetPost, AuthorizeAccount.HandleAsync);

        api.MapMethods("/b2_create_key", GetPost, CreateKey.HandleAsync);
        api.MapMethods("/b2_list_keys", GetPost, ListKeys.HandleAsync);
        api.MapMethods("/b2_delete_key", GetPost, DeleteKey.HandleAsync);
        api.MapMethods("/b2_create_agent_token", GetPost, CreateAgentToken.HandleAsync);
        api.MapMethods("/b2_list_agent_grants", GetPost, ListAgentGrants.HandleAsync);
        api.MapMethods("/b2_revoke_agent_grant", GetPost, RevokeAgentGrant.HandleAsync);

        api.MapMethods("/b2_create_bucket", GetPost, CreateBucket.HandleAsync);
        api.MapMethods("/b2_list_buckets", GetPost, ListBuckets.HandleAsync);
        api.MapMethods("/b2_update_bucket", GetPost, UpdateBucket.HandleAsync);
        api.MapMethods("/b2_delete_bucket", GetPost, DeleteBucket.HandleAsync);
        api.MapMethods("/b2_get_bucket_notification_rules", GetPost, GetBucketNotificationRules.HandleAsync);
        api.MapMethods("/b2_set_bucket_notification_rules", GetPost, SetBucketNotificationRules.HandleAsync);

        api.MapMethods("/b2_get_upload_url", GetPost, GetUploadUrl.HandleAsync);
        api.MapPost("/b2_upload_file/{bucketId}/{slot?}", UploadFile.HandleAsync);

        api.MapMethods("/b2_list_file_names", GetPost, ListFileNames.HandleAsync);
        api.MapMethods("/b2_list_file_versions", GetPost, ListFileVersions.HandleAsync);
        api.MapMethods("/b2_get_file_info", GetPost, GetFileInfo.HandleAsync);
        api.MapMethods("/b2_hide_file", GetPost, HideFile.HandleAsync);
        api.MapMethods("/b2_delete_file_version", GetPost, DeleteFileVersion.HandleAsync);
        api.MapMethods("/b2_update_file_retention", GetPost, UpdateFileRetention.HandleAsync);
        api.MapMethods("/b2_update_file_legal_hold", GetPost, UpdateFileLegalHold.HandleAsync);

        api.MapMethods("/b2_copy_file", GetPost, CopyFile.HandleAsync);
        api.MapMethods("/b2_copy_part", GetPost, CopyPart.HandleAsync);

        api.MapMethods("/b2_start_large_file", GetPost, StartLargeFile.HandleAsync);
        api.MapMethods("/b2_get_upload_part_url", GetPost, GetUploadPartUrl.HandleAsync);
        api.MapPost("/b2_upload_part/{fileId}/{slot?}", UploadPart.HandleAsync);
        api.MapMethods("/b2_list_parts", GetPost, ListParts.HandleAsync);
        api.MapMethods("/b2_finish_large_file", GetPost, FinishLargeFile.HandleAsync);
        api.MapMethods("/b2_cancel_large_file", GetPost, CancelLargeFile.HandleAsync);
        api.MapMethods("/b2_list_unfinished_large_files", GetPost, ListUnfinishedLargeFiles.HandleAsync);

        api.MapMethods("/b2_get_download_authorization", GetPost, GetDownloadAuthorization.HandleAsync);
        api.MapMethods("/b2_download_file_by_id", GetHeadPost, DownloadFileById.HandleAsync);
        app.MapMethods("/file/{bucketName}/{**fileName}", GetHead, DownloadFileByName.HandleAsync);

        // CORS preflights, answered from the bucket's CORS rules.
        app.MapMethods("/file/{bucketName}/{**fileName}", Options, Preflight.DownloadByNameAsync);
        api.MapMethods("/b2_download_file_by_id", Options, Preflight.DownloadByIdAsync);
        api.MapMethods("/b2_upload_file/{bucketId}/{slot?}", Options, Preflight.UploadFileAsync);
        return app;
    }
}
