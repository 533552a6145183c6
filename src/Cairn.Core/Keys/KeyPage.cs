namespace Cairn.Core.Keys;

/// <summary>One page of b2_list_keys; <see cref="NextApplicationKeyId"/> is where the next page starts, or null.</summary>
public sealed record KeyPage(IReadOnlyList<ApplicationKey> Keys, string? NextApplicationKeyId);
