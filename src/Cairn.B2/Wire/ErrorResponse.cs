namespace Cairn.B2.Wire;

/// <summary>B2's error body: <c>{"code","message","status"}</c>.</summary>
public sealed record ErrorResponse(string Code, string Message, int Status);
