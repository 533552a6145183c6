using System.Xml.Linq;
using Cairn.Core.Buckets;
using Cairn.S3.Xml;
using Microsoft.AspNetCore.Http;

namespace Cairn.S3.Buckets;

/// <summary>
/// S3 ACLs as Backblaze serves them: only the canned <c>private</c> and <c>public-read</c>, which are the bucket types
/// allPrivate and allPublic. An object has no ACL of its own; it shows (and may only be "set" to) its bucket's.
/// </summary>
public static class CannedAcl
{
    public const string Header = "x-amz-acl";
    public const string Private = "private";
    public const string PublicRead = "public-read";

    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The bucket type a canned ACL stands for; any other ACL is refused.</summary>
    public static string BucketTypeOf(string acl) => acl switch
    {
        Private => BucketTypes.AllPrivate,
        PublicRead => BucketTypes.AllPublic,
        _ => throw S3Exception.InvalidArgument($"The canned ACL {acl} is not supported; use private or public-read"),
    };

    public static string Of(Bucket bucket) => bucket.BucketType == BucketTypes.AllPublic ? PublicRead : Private;

    /// <summary>
    /// An <c>x-amz-acl</c> on an object write (PutObject, CreateMultipartUpload, CopyObject, PutObjectAcl) must name
    /// the bucket's own ACL, as B2 documents: objects cannot differ from their bucket.
    /// </summary>
    public static void RequireBucketAcl(IHeaderDictionary headers, Bucket bucket)
    {
        var acl = headers[Header].ToString();
        if (acl.Length == 0)
        {
            return;
        }
        BucketTypeOf(acl);
        if (acl != Of(bucket))
        {
            throw S3Exception.InvalidArgument($"The object ACL must be the bucket's ACL ({Of(bucket)}); objects cannot have ACLs of their own");
        }
    }

    /// <summary>&lt;AccessControlPolicy&gt;: the account owns with FULL_CONTROL; a public bucket adds READ for AllUsers.</summary>
    public static XElement Policy(Bucket bucket)
    {
        var list = S3Xml.E("AccessControlList",
            S3Xml.E("Grant",
                S3Xml.E("Grantee", new XAttribute(XNamespace.Xmlns + "xsi", Xsi), new XAttribute(Xsi + "type", "CanonicalUser"),
                    S3Xml.E("ID", bucket.AccountId), S3Xml.E("DisplayName", "")),
                S3Xml.E("Permission", "FULL_CONTROL")));
        if (bucket.BucketType == BucketTypes.AllPublic)
        {
            list.Add(S3Xml.E("Grant",
                S3Xml.E("Grantee", new XAttribute(XNamespace.Xmlns + "xsi", Xsi), new XAttribute(Xsi + "type", "Group"),
                    S3Xml.E("URI", "http://acs.amazonaws.com/groups/global/AllUsers")),
                S3Xml.E("Permission", "READ")));
        }
        return S3Xml.E("AccessControlPolicy", S3Xml.E("Owner", S3Xml.E("ID", bucket.AccountId), S3Xml.E("DisplayName", "")), list);
    }

    /// <summary>
    /// The canned ACL a PutBucketAcl or PutObjectAcl asks for. Only the header form is served: grant headers and an
    /// &lt;AccessControlPolicy&gt; body are not, as B2 documents.
    /// </summary>
    public static string Requested(HttpRequest request)
    {
        var acl = request.Headers[Header].ToString();
        if (acl.Length > 0)
        {
            return acl;
        }
        throw S3Exception.NotImplemented("Setting an ACL other than with the x-amz-acl header (private or public-read)");
    }
}
