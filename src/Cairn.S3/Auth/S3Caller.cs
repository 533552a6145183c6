using Cairn.Core.Auth;

namespace Cairn.S3.Auth;

/// <summary>A request whose signature verified: who signed it, how its body is vouched for, and the chain to verify it.</summary>
public sealed record S3Caller(Principal Principal, string PayloadHash, SigningScope Signing);
