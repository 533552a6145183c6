using Cairn.Core.Errors;
using Cairn.Server.B2;

namespace Cairn.Server.Tests.B2;

/// <summary>B2ErrorMap: every reason the object service can fail with has its own B2 status and code.</summary>
public sealed class B2ErrorMapTests
{
    public static TheoryData<CairnError> Reasons() => [.. Enum.GetValues<CairnError>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Map_EveryReason_HasAMapping(CairnError error)
    {
        var mapped = B2ErrorMap.Map(error);

        Assert.Matches("^[a-z0-9_]+$", mapped.Code);
        if (error == CairnError.Internal)
        {
            Assert.Equal(new B2ErrorMap.B2Error(500, "internal_error"), mapped);
        }
        else
        {
            Assert.NotEqual(500, mapped.Status);
            Assert.NotEqual("internal_error", mapped.Code);
            Assert.InRange(mapped.Status, 400, 503);
        }
    }

    [Fact]
    public void Map_DistinctReasons_HaveDistinctCodes()
    {
        var codes = Enum.GetValues<CairnError>().Select(e => B2ErrorMap.Map(e).Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Map_UnknownReason_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => B2ErrorMap.Map((CairnError)(-1)));
    }

    [Theory]
    [InlineData(CairnError.BadRequest, 400, "bad_request")]
    [InlineData(CairnError.BadJson, 400, "bad_json")]
    [InlineData(CairnError.BucketNotFound, 400, "bad_bucket_id")]
    [InlineData(CairnError.DuplicateBucketName, 400, "duplicate_bucket_name")]
    [InlineData(CairnError.BucketNotEmpty, 400, "cannot_delete_non_empty_bucket")]
    [InlineData(CairnError.BadAuthToken, 401, "bad_auth_token")]
    [InlineData(CairnError.ExpiredAuthToken, 401, "expired_auth_token")]
    [InlineData(CairnError.Unauthorized, 401, "unauthorized")]
    [InlineData(CairnError.Conflict, 409, "conflict")]
    [InlineData(CairnError.RateLimited, 429, "too_many_requests")]
    [InlineData(CairnError.ServiceUnavailable, 503, "service_unavailable")]
    [InlineData(CairnError.EventTypesEmpty, 400, "event_types_empty")]
    [InlineData(CairnError.EventTypeInvalid, 400, "event_type_invalid")]
    [InlineData(CairnError.EventTypeOverlap, 400, "event_type_overlap")]
    [InlineData(CairnError.EventTypeCategories, 400, "event_type_categories")]
    public void Map_Reason_IsB2sStatusAndCode(CairnError error, int status, string code)
    {
        Assert.Equal(new B2ErrorMap.B2Error(status, code), B2ErrorMap.Map(error));
    }
}
