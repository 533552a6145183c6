namespace Cairn.Core.OAuth;

/// <summary>An approval: the grant it created and the authorization code to send to the client's redirect URI.</summary>
public sealed record IssuedCode(AgentGrant Grant, string Code);
