using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Marten;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// What the benefit tests over HTTP share: an office of their own with one counselor (so the office's counts and
/// what-if list only their cases), an intake on given dates, a step on a case, and the number of stored events.
/// </summary>
public abstract class OfficeBenefitTests(CaseloadFixture fixture, string office, string counselorName)
{
    protected CaseloadFixture Api { get; } = fixture;
    protected string Office { get; private set; } = office;
    protected string Counselor => $"{Office}-c1";
    protected string CounselorToken => Api.TokenFor(Counselor, Role.Counselor, Office);

    protected Task UseOfficeAsync(string name)
    {
        Office = name;
        return Api.AddOfficeAsync(Office, (Counselor, counselorName));
    }

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    protected async Task<Guid> OpenAsync(string nik, DateOnly terminationDate, DateOnly claimedOn)
    {
        var result = await Api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(Office, Counselor, nik, terminationDate: Day(terminationDate), claimedOn: Day(claimedOn))).ToUrl("/cases");
            s.WithBearerToken(CounselorToken);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Versioned>()).Id;
    }

    protected async Task<JsonElement> PostAsync(Guid caseId, string path, object body, int status = 200)
    {
        var result = await Api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/cases/{caseId}/{path}");
            s.WithBearerToken(CounselorToken);
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    protected async Task<long> EventCountAsync()
    {
        await using var session = Api.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }
}
