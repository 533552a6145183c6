using System.Globalization;
using System.Text;

namespace Cairn.Fuzz.Tests.S3;

/// <summary>A valid, signed-as-a-client-would request for each S3 operation Cairn's S3Routes table answers.</summary>
public sealed class S3RequestGenerator(S3FuzzWorld world, Random random)
{
    public static readonly string[] Operations =
    [
        "ListBuckets", "CreateBucket", "DeleteBucket", "HeadBucket", "GetBucketLocation", "GetBucketVersioning", "PutBucketVersioning",
        "ListObjects", "ListObjectsV2", "ListObjectVersions", "ListMultipartUploads", "DeleteObjects", "BucketSubresource",
        "PutObject", "GetObject", "HeadObject", "DeleteObject", "CopyObject", "ObjectSubresource",
        "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "ListParts", "CompleteMultipartUpload", "AbortMultipartUpload",
    ];

    private static readonly string[] BucketSubresources = ["acl", "cors", "encryption", "lifecycle", "policy", "tagging", "website", "object-lock", "notification", "logging"];

    private static readonly string[] ObjectSubresources = ["acl", "tagging", "retention", "legal-hold", "attributes", "torrent", "restore"];

    public S3FuzzCase Valid(string operation)
    {
        var call = new S3FuzzCase { Operation = operation, Method = "GET", Bucket = world.HomeBucket, Credentials = world.FullKey };
        call.Payload = random.Next(6) switch
        {
            0 => PayloadMode.Unsigned,
            1 => PayloadMode.Presigned,
            _ => PayloadMode.Signed,
        };
        switch (operation)
        {
            case "ListBuckets":
                call.Bucket = null;
                break;
            case "CreateBucket":
                call.Method = "PUT";
                call.Bucket = "s3fuzz-new-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
                if (random.Next(2) == 0)
                {
                    call.Body = Encoding.UTF8.GetBytes("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>");
                }
                break;
            case "DeleteBucket":
                call.Method = "DELETE";
                call.Bucket = random.Next(2) == 0 ? world.OtherBucket : "s3fuzz-new-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
                break;
            case "HeadBucket":
                call.Method = "HEAD";
                break;
            case "GetBucketLocation":
                call.SetQuery("location", null);
                break;
            case "GetBucketVersioning":
                call.SetQuery("versioning", null);
                break;
            case "PutBucketVersioning":
                call.Method = "PUT";
                call.SetQuery("versioning", null);
                call.Body = "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"u8.ToArray();
                break;
            case "ListObjects":
            case "ListObjectsV2":
            case "ListObjectVersions":
            case "ListMultipartUploads":
                List(call, operation);
                break;
            case "DeleteObjects":
                call.Method = "POST";
                call.SetQuery("delete", null);
                var keys = Enumerable.Range(0, random.Next(1, 4)).Select(_ => "scoped/fuzz-" + random.Next(50).ToString(CultureInfo.InvariantCulture));
                call.Body = Encoding.UTF8.GetBytes("<Delete><Quiet>" + (random.Next(2) == 0 ? "true" : "false") + "</Quiet>"
                    + string.Concat(keys.Select(k => $"<Object><Key>{k}</Key></Object>")) + "</Delete>");
                call.SetHeader("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(call.Body)));
                break;
            case "BucketSubresource":
                call.Method = random.Pick(new[] { "GET", "PUT", "DELETE" });
                call.SetQuery(random.Pick(BucketSubresources), null);
                if (call.Method == "PUT")
                {
                    call.Body = "<Configuration><Rule/></Configuration>"u8.ToArray();
                }
                break;
            case "PutObject":
                call.Method = "PUT";
                call.Key = NewKey();
                call.Body = Content();
                call.SetHeader("Content-Type", "text/plain");
                if (random.Next(3) == 0)
                {
                    call.SetHeader("x-amz-meta-color", "blue");
                }
                if (call.Payload != PayloadMode.Presigned && random.Next(2) == 0)
                {
                    call.Payload = random.Pick(new[] { PayloadMode.StreamingSigned, PayloadMode.StreamingSignedTrailer, PayloadMode.StreamingUnsignedTrailer });
                }
                break;
            case "GetObject":
            case "HeadObject":
                call.Method = operation == "GetObject" ? "GET" : "HEAD";
                call.Key = random.Pick(world.Keys);
                if (random.Next(3) == 0)
                {
                    call.SetHeader("Range", "bytes=0-3");
                }
                break;
            case "DeleteObject":
                call.Method = "DELETE";
                call.Key = "scoped/fuzz-" + random.Next(50).ToString(CultureInfo.InvariantCulture);
                break;
            case "CopyObject":
                call.Method = "PUT";
                call.Key = NewKey();
                call.SetHeader("x-amz-copy-source", "/" + world.HomeBucket + "/" + S3Signing.Encode(random.Pick(world.Keys), true));
                if (random.Next(2) == 0)
                {
                    call.SetHeader("x-amz-metadata-directive", "REPLACE");
                    call.SetHeader("Content-Type", "text/plain");
                }
                break;
            case "ObjectSubresource":
                call.Method = random.Pick(new[] { "GET", "PUT", "DELETE" });
                call.Key = random.Pick(world.Keys);
                call.SetQuery(random.Pick(ObjectSubresources), null);
                break;
            case "CreateMultipartUpload":
                call.Method = "POST";
                call.Key = NewKey();
                call.SetQuery("uploads", null);
                break;
            case "UploadPart":
            case "UploadPartCopy":
            case "ListParts":
            case "AbortMultipartUpload":
                call.Key = world.UploadKey;
                call.SetQuery("uploadId", world.UploadId);
                call.Method = operation switch { "ListParts" => "GET", "AbortMultipartUpload" => "DELETE", _ => "PUT" };
                if (operation.StartsWith("UploadPart", StringComparison.Ordinal))
                {
                    call.SetQuery("partNumber", random.Next(2, 5).ToString(CultureInfo.InvariantCulture));
                }
                if (operation == "UploadPart")
                {
                    call.Body = Content();
                }
                if (operation == "UploadPartCopy")
                {
                    call.SetHeader("x-amz-copy-source", "/" + world.HomeBucket + "/" + S3Signing.Encode(random.Pick(world.Keys), true));
                    call.SetHeader("x-amz-copy-source-range", "bytes=0-3");
                }
                break;
            case "CompleteMultipartUpload":
                call.Method = "POST";
                call.Key = world.UploadKey;
                call.SetQuery("uploadId", world.UploadId);
                call.Body = Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{world.PartETag}</ETag></Part></CompleteMultipartUpload>");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
        return call;
    }

    private void List(S3FuzzCase call, string operation)
    {
        switch (operation)
        {
            case "ListObjectsV2":
                call.SetQuery("list-type", "2");
                break;
            case "ListObjectVersions":
                call.SetQuery("versions", null);
                break;
            case "ListMultipartUploads":
                call.SetQuery("uploads", null);
                break;
        }
        if (random.Next(2) == 0)
        {
            call.SetQuery("prefix", S3FuzzWorld.ScopedPrefix);
        }
        if (random.Next(2) == 0)
        {
            call.SetQuery("delimiter", "/");
        }
        if (random.Next(2) == 0)
        {
            call.SetQuery(operation == "ListMultipartUploads" ? "max-uploads" : "max-keys", random.Next(1, 10).ToString(CultureInfo.InvariantCulture));
        }
        if (random.Next(3) == 0)
        {
            call.SetQuery("encoding-type", "url");
        }
    }

    private string NewKey() => S3FuzzWorld.ScopedPrefix + "fuzz-" + random.Next(50).ToString(CultureInfo.InvariantCulture);

    private byte[] Content() => Encoding.UTF8.GetBytes("fuzz body " + new string('b', random.Next(0, 200)));
}
