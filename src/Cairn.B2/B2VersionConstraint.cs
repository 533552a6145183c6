namespace Cairn.B2;

/// <summary>Matches the API versions Cairn serves, <c>v1</c> to <c>v4</c>; anything else falls through to 404.</summary>
public sealed class B2VersionConstraint : IRouteConstraint
{
    public const string Name = "b2version";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string v && v.Length == 2 && v[0] == 'v' && v[1] is >= '1' and <= '4';
}
