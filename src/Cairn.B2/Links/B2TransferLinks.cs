using Cairn.Core.Files;

namespace Cairn.B2.Links;

/// <summary>B2's byte addresses for the request being served (the newest API version), for protocols without their own.</summary>
public sealed class B2TransferLinks(IHttpContextAccessor http) : ITransferLinks
{
    private const int NewestApiVersion = 4;

    public string UploadUrl(string bucketId) => B2Urls.UploadFile(BaseUrl, NewestApiVersion, bucketId);

    public string UploadPartUrl(string fileId) => B2Urls.UploadPart(BaseUrl, NewestApiVersion, fileId);

    public string DownloadUrl(string bucketName, string fileName, string downloadAuthorizationToken) =>
        B2Urls.DownloadByName(BaseUrl, bucketName, fileName, downloadAuthorizationToken);

    private string BaseUrl => B2Urls.BaseUrl(http.HttpContext ?? throw new InvalidOperationException("Transfer links are made while serving a request."));
}
