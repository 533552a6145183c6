namespace Cairn.Core.Files;

/// <summary>Digests of zero bytes, which B2 reports for hide markers.</summary>
public static class EmptyContent
{
    public const string Sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    public const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";
}
