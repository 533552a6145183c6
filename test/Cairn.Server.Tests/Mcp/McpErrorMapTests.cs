using Cairn.Core.Errors;
using Cairn.Server.Mcp;

namespace Cairn.Server.Tests.Mcp;

/// <summary>McpErrorMap: every reason the object service can fail with has its own code and a next step for the agent.</summary>
public sealed class McpErrorMapTests
{
    public static TheoryData<CairnError> Reasons() => [.. Enum.GetValues<CairnError>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Map_EveryReason_HasACodeAndANextStep(CairnError error)
    {
        var mapped = McpErrorMap.Map(error);

        Assert.Matches("^[a-z0-9_]+$", mapped.Code);
        Assert.EndsWith(".", mapped.NextStep, StringComparison.Ordinal);
        Assert.Equal(error == CairnError.Internal, mapped.Code == "internal_error");
    }

    [Fact]
    public void Map_DistinctReasons_HaveDistinctCodes()
    {
        var codes = Enum.GetValues<CairnError>().Select(e => McpErrorMap.Map(e).Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Map_UnknownReason_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => McpErrorMap.Map((CairnError)(-1)));
    }
}
