namespace Cairn.Core.Notifications;

/// <summary>One of a webhook target's <c>customHeaders</c>: sent with every invocation.</summary>
public sealed record WebhookHeader(string Name, string Value);
