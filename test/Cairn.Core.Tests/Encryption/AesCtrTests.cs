using System.Security.Cryptography;
using Cairn.Core.Encryption;

namespace Cairn.Core.Tests.Encryption;

public class AesCtrTests
{
    [Fact]
    public void Transform_Nist80038aCtrAes256Vector_MatchesCiphertext()
    {
        // NIST SP 800-38A, F.5.5 CTR-AES256.Encrypt.
        var key = Convert.FromHexString("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        var counter = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        var data = Convert.FromHexString(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        using var cipher = new AesCtr(key, counter);

        cipher.Transform(0, data);

        Assert.Equal(
            "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6",
            Convert.ToHexStringLower(data));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 11)]
    [InlineData(15, 2)]
    [InlineData(16, 16)]
    [InlineData(4095, 4099)]
    [InlineData(1000, 9000)]
    [InlineData(0, 10_000)]
    public void Transform_AnyRange_EqualsTheSameBytesOfTheWholeTransform(int offset, int length)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var counter = RandomNumberGenerator.GetBytes(16);
        var plain = RandomNumberGenerator.GetBytes(10_000);
        using var cipher = new AesCtr(key, counter);
        var whole = plain.ToArray();
        cipher.Transform(0, whole);

        var part = plain.AsSpan(offset, length).ToArray();
        cipher.Transform(offset, part);

        Assert.Equal(whole.AsSpan(offset, length).ToArray(), part);
        cipher.Transform(offset, part);
        Assert.Equal(plain.AsSpan(offset, length).ToArray(), part);
    }

    [Fact]
    public void Transform_CounterWrapsAround128Bits()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var counter = Enumerable.Repeat((byte)0xff, 16).ToArray();
        using var cipher = new AesCtr(key, counter);
        var data = new byte[32];

        cipher.Transform(0, data);

        using var aes = Aes.Create();
        aes.Key = key;
        Assert.Equal(aes.EncryptEcb(new byte[16], PaddingMode.None), data[16..]);
    }
}
