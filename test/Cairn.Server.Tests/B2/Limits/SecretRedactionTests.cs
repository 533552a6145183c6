using System.Text;
using Cairn.Testing;
using static Cairn.Server.Tests.B2.Keys.KeyCalls;

namespace Cairn.Server.Tests.B2.Limits;

public class SecretRedactionTests
{
    [Fact]
    public async Task ServerLogs_NeverContainSecretsOrTokens()
    {
        await using var server = await CairnServer.StartAsync(inMemory: true);
        var secrets = new List<string> { CairnServer.MasterKey };
        using (var master = await B2Session.AuthorizeAsync(server, 2))
        {
            secrets.Add(master.Token);
            var bucketId = await master.CreateBucketAsync("redaction");
            var key = await CreateAsync(master, ["readFiles", "writeFiles", "shareFiles", "listFiles"], [bucketId], version: 2);
            secrets.Add(Secret(key));
            using var session = await B2Session.AuthorizeAsync(server, 2, Id(key), Secret(key));
            secrets.Add(session.Token);
            var (_, uploadToken) = await session.GetUploadUrlAsync(bucketId);
            secrets.Add(uploadToken);
            await session.UploadAsync(bucketId, "doc.txt", Encoding.UTF8.GetBytes("hello"));
            var grant = await session.CallAsync("b2_get_download_authorization", new { bucketId, fileNamePrefix = "", validDurationInSeconds = 60 });
            var downloadToken = grant.GetProperty("authorizationToken").GetString()!;
            secrets.Add(downloadToken);
            using (await session.DownloadAsync($"file/redaction/doc.txt?Authorization={Uri.EscapeDataString(downloadToken)}", withToken: false))
            {
            }
            using (await session.DownloadAsync("file/redaction/doc.txt"))
            {
            }
            await Assert.ThrowsAsync<InvalidOperationException>(() => B2Session.AuthorizeAsync(server, 2, Id(key), Secret(key) + "x"));
            await master.CallAsync("b2_delete_key", new { applicationKeyId = Id(key) });
            await Assert.ThrowsAsync<B2CallException>(() => session.CallAsync("b2_list_file_names", new { bucketId }));
        }

        var logs = string.Join('\n', server.Logs);
        Assert.NotEmpty(server.Logs);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), logs, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), logs, StringComparison.Ordinal);
        }
    }
}
