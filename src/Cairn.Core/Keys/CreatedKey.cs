namespace Cairn.Core.Keys;

/// <summary>A new key and its secret: the only time the secret exists outside the caller's hands.</summary>
public sealed record CreatedKey(ApplicationKey Key, string Secret);
