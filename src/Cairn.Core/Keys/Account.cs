namespace Cairn.Core.Keys;

/// <summary>The account that owns buckets and keys. A Cairn server has one.</summary>
public sealed record Account(string AccountId, long CreatedAt);
