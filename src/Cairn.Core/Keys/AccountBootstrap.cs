using Cairn.Core.Auth;
using Cairn.Core.Ids;
using Cairn.Core.Storage;

namespace Cairn.Core.Keys;

/// <summary>
/// The first start creates the account and its master key; later starts find them. A configured master key id and
/// secret replace whatever master key is stored, so scripts and tests can fix the credentials.
/// </summary>
public static class AccountBootstrap
{
    /// <summary>What start-up found or created. <see cref="NewSecret"/> is set only when a secret was generated now.</summary>
    public sealed record Result(Account Account, ApplicationKey MasterKey, string? NewSecret);

    public static async Task<Result> EnsureAsync(IMetadataStore store, string? configuredKeyId, string? configuredSecret, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(configuredKeyId) != string.IsNullOrEmpty(configuredSecret))
        {
            throw new InvalidOperationException("Set both the master key id and the master key (CAIRN_MASTER_KEY_ID, CAIRN_MASTER_KEY), or neither.");
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var account = await store.GetAccountAsync(cancellationToken);
        if (account is null)
        {
            var id = configuredKeyId is not null && IsAccountIdShape(configuredKeyId) ? configuredKeyId : IdGenerator.NewAccountId();
            account = await store.GetOrAddAccountAsync(new Account(id, now), cancellationToken);
        }
        var master = await store.GetMasterKeyAsync(account.AccountId, cancellationToken);
        if (configuredKeyId is not null && configuredSecret is not null)
        {
            if (master is null || master.ApplicationKeyId != configuredKeyId || !SecretHasher.Verify(configuredSecret, master.SecretHash))
            {
                if (master is not null && master.ApplicationKeyId != configuredKeyId)
                {
                    await store.DeleteKeyAsync(master.ApplicationKeyId, cancellationToken);
                }
                master = NewMaster(account, configuredKeyId, configuredSecret, now);
                await store.UpsertKeyAsync(master, cancellationToken);
            }
            return new Result(account, await CurrentCapabilitiesAsync(store, master, cancellationToken), null);
        }
        if (master is not null)
        {
            return new Result(account, await CurrentCapabilitiesAsync(store, master, cancellationToken), null);
        }
        var secret = IdGenerator.NewApplicationKeySecret();
        master = NewMaster(account, account.AccountId, secret, now);
        await store.UpsertKeyAsync(master, cancellationToken);
        return new Result(account, master, secret);
    }

    /// <summary>The master key has every capability, including ones B2 added after it was stored.</summary>
    private static async Task<ApplicationKey> CurrentCapabilitiesAsync(IMetadataStore store, ApplicationKey master, CancellationToken cancellationToken)
    {
        if (master.Capabilities.SequenceEqual(Capabilities.All))
        {
            return master;
        }
        master = master with { Capabilities = Capabilities.All };
        await store.UpsertKeyAsync(master, cancellationToken);
        return master;
    }

    private static bool IsAccountIdShape(string value) =>
        value.Length == 12 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static ApplicationKey NewMaster(Account account, string keyId, string secret, long now) => new()
    {
        ApplicationKeyId = keyId,
        AccountId = account.AccountId,
        KeyName = "master",
        Capabilities = Capabilities.All,
        SecretHash = SecretHasher.Hash(secret),
        IsMaster = true,
        CreatedAt = now,
    };
}
