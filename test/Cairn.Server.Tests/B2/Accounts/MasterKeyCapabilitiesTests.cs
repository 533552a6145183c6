using System.Text.Json;
using Cairn.Core.Keys;
using Cairn.Testing;
using Microsoft.Data.Sqlite;

namespace Cairn.Server.Tests.B2.Accounts;

/// <summary>
/// The master key has every capability B2 defines, including the four B2 added in 2026, also when it was stored by a
/// Cairn that did not know them yet.
/// </summary>
public sealed class MasterKeyCapabilitiesTests
{
    private static readonly string[] AddedIn2026 = ["readBucketLogging", "writeBucketLogging", "readBucketLifecycleRules", "writeBucketLifecycleRules"];

    // On SQLite in every store run: the test writes the older store's row into metadata.db itself.
    [Fact]
    public async Task MasterKey_StoredWithoutTheNewerCapabilities_HasThemAfterRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "cairn-caps-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await CairnServer.StartAsync(dataPath: data, postgres: false))
            {
                using var session = await B2Session.AuthorizeAsync(first, 2);
            }
            // What an older Cairn left in its store: the master key without the four.
            var older = Capabilities.All.Except(AddedIn2026).ToArray();
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "metadata.db")};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE application_keys SET capabilities = $capabilities WHERE is_master = 1";
                command.Parameters.AddWithValue("$capabilities", JsonSerializer.Serialize(older));
                Assert.Equal(1, command.ExecuteNonQuery());
            }

            await using (var second = await CairnServer.StartAsync(dataPath: data, postgres: false))
            {
                using var session = await B2Session.AuthorizeAsync(second, 2);
                var capabilities = session.Authorization.GetProperty("allowed").GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).ToList();
                Assert.Equal(Capabilities.All, capabilities);
                Assert.Subset(capabilities.ToHashSet(), AddedIn2026.ToHashSet());
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
