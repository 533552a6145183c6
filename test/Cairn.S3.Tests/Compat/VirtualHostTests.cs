using Cairn.S3.Tests.Support;
using Cairn.Testing;

namespace Cairn.S3.Tests.Compat;

/// <summary>
/// Virtual-host style (<c>Cairn:S3:HostName</c>): boto3 and awscli told <c>addressing_style = virtual</c> send the
/// bucket as the first label of the host (<c>{bucket}.s3.localhost</c>), and sign that Host header. The clients resolve
/// every <c>*.localhost</c> name to 127.0.0.1 (a wrapper around <c>socket.getaddrinfo</c>), as wildcard DNS would.
/// </summary>
public sealed class VirtualHostTests : IAsyncLifetime
{
    private const string Resolver = """
        import socket
        _real = socket.getaddrinfo
        def _loopback(host, *args, **kwargs):
            if isinstance(host, str) and (host == "localhost" or host.endswith(".localhost")):
                host = "127.0.0.1"
            return _real(host, *args, **kwargs)
        socket.getaddrinfo = _loopback
        """;

    private CairnServer? _server;

    public async Task InitializeAsync() =>
        _server = await CairnServer.StartAsync(inMemory: true, settings: new Dictionary<string, string> { ["Cairn:S3:HostName"] = "s3.localhost" });

    [Fact]
    public async Task Boto3_VirtualAddressing_CreatePutGetListDelete()
    {
        var (keyId, secret) = await KeyAsync();
        var work = ClientProcess.NewWorkDir();
        try
        {
            File.WriteAllText(Path.Combine(work, "virtual.py"), Resolver + """

                import os, boto3
                from botocore.config import Config
                s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                                  aws_access_key_id=os.environ["KEY_ID"], aws_secret_access_key=os.environ["KEY"],
                                  config=Config(s3={"addressing_style": "virtual"}, retries={"max_attempts": 1}))
                seen = []
                s3.meta.events.register("before-send.s3", lambda request, **_: seen.append(request.url))
                bucket = os.environ["BUCKET"]
                s3.create_bucket(Bucket=bucket)
                s3.put_object(Bucket=bucket, Key="v/one key+%.txt", Body=b"virtual")
                assert s3.get_object(Bucket=bucket, Key="v/one key+%.txt")["Body"].read() == b"virtual"
                assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="v/")["Contents"]] == ["v/one key+%.txt"]
                s3.delete_object(Bucket=bucket, Key="v/one key+%.txt")
                assert "Contents" not in s3.list_objects_v2(Bucket=bucket)
                assert all(url.split("/")[2].startswith(bucket + ".s3.localhost:") for url in seen), seen
                print("OK", seen[1])
                """);
            var output = await ClientProcess.RunAsync("/usr/bin/python3 virtual.py", Environment(keyId, secret), work);
            Assert.StartsWith("OK http://", output.Trim());
            Assert.Contains(".s3.localhost:", output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task AwsCli_VirtualAddressing_CopyListPresign()
    {
        var (keyId, secret) = await KeyAsync();
        var work = ClientProcess.NewWorkDir();
        try
        {
            File.WriteAllText(Path.Combine(work, "config"), "[default]\nregion = us-east-1\ns3 =\n    addressing_style = virtual\n");
            File.WriteAllText(Path.Combine(work, "aws.py"), Resolver + """

                import os, sys
                os.environ["AWS_CONFIG_FILE"] = os.path.join(os.getcwd(), "config")
                import awscli.clidriver
                sys.exit(awscli.clidriver.main())
                """);
            var output = await ClientProcess.RunAsync("""
                AWS="/usr/bin/python3 aws.py --endpoint-url $ENDPOINT --debug"
                $AWS s3 mb s3://$BUCKET 2> mb.log || { cat mb.log; exit 1; }
                grep -q "$BUCKET.s3.localhost" mb.log || { grep -i "localhost" mb.log | head -5; exit 1; }
                echo hello > hello.txt
                $AWS s3 cp hello.txt s3://$BUCKET/dir/hello.txt --only-show-errors 2> /dev/null
                $AWS s3 ls s3://$BUCKET/dir/ 2> /dev/null | grep -q hello.txt
                url=$($AWS s3 presign s3://$BUCKET/dir/hello.txt --expires-in 300 2> /dev/null)
                case "$url" in http://$BUCKET.s3.localhost:*) ;; *) echo "not virtual: $url"; exit 1;; esac
                $AWS s3 rm s3://$BUCKET/dir/hello.txt --only-show-errors 2> /dev/null
                echo OK
                """, Environment(keyId, secret), work);
            Assert.EndsWith("OK", output.Trim());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task PathStyle_StillAnswered_WhenHostNameIsSet()
    {
        var (keyId, secret) = await KeyAsync();
        using var client = new Amazon.S3.AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(keyId, secret),
            new Amazon.S3.AmazonS3Config { ServiceURL = _server!.BaseUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var bucket = S3Fixture.NewBucketName();
        await client.PutBucketAsync(bucket);
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = "p", ContentBody = "path" });
        using var got = await client.GetObjectAsync(bucket, "p");
        Assert.Equal("path", await new StreamReader(got.ResponseStream).ReadToEndAsync());
    }

    private Dictionary<string, string> Environment(string keyId, string secret) => new()
    {
        ["ENDPOINT"] = "http://s3.localhost:" + new Uri(_server!.BaseUrl).Port,
        ["KEY_ID"] = keyId,
        ["KEY"] = secret,
        ["AWS_ACCESS_KEY_ID"] = keyId,
        ["AWS_SECRET_ACCESS_KEY"] = secret,
        ["BUCKET"] = S3Fixture.NewBucketName(),
    };

    private async Task<(string, string)> KeyAsync()
    {
        using var b2 = await B2Session.AuthorizeAsync(_server!, 2);
        var key = await b2.CallAsync("b2_create_key", new { accountId = b2.AccountId, capabilities = S3Fixture.AllCapabilities, keyName = "virtual-host" });
        return (key.GetProperty("applicationKeyId").GetString()!, key.GetProperty("applicationKey").GetString()!);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
