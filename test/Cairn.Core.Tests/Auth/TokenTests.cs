using System.Security.Cryptography;
using Cairn.Core.Auth;

namespace Cairn.Core.Tests.Auth;

public class TokenTests
{
    [Fact]
    public void SignedToken_RoundTripsFields()
    {
        var signer = new SignedToken(RandomNumberGenerator.GetBytes(32));
        var token = signer.Create('4', "key", "123", "bucket/with_under_scores");
        Assert.Equal(["key", "123", "bucket/with_under_scores"], signer.Read('4', token)!);
    }

    [Fact]
    public void SignedToken_RefusesOtherKindsKeysAndTampering()
    {
        var signer = new SignedToken(RandomNumberGenerator.GetBytes(32));
        var token = signer.Create('4', "key", "123");
        Assert.Null(signer.Read('u', token));
        Assert.Null(new SignedToken(RandomNumberGenerator.GetBytes(32)).Read('4', token));
        var tampered = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];
        Assert.Null(signer.Read('4', tampered));
        Assert.Null(signer.Read('4', "4_garbage"));
        Assert.Null(signer.Read('4', ""));
    }

    [Fact]
    public void SecretHasher_VerifiesOnlyTheSecret()
    {
        var stored = SecretHasher.Hash("K000secret");
        Assert.True(SecretHasher.Verify("K000secret", stored));
        Assert.False(SecretHasher.Verify("K000secreT", stored));
        Assert.False(SecretHasher.Verify("K000secret", "garbage"));
        Assert.NotEqual(stored, SecretHasher.Hash("K000secret"));
    }
}
