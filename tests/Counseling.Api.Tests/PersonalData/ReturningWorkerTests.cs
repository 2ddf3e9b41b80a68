using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.PersonalData;

[Collection(ApiCollection.Name)]
public class ReturningWorkerTests(ApiFixture api)
{
    private async Task<(int Status, JsonElement Body)> SearchAsync(string query, string? token = null, bool anonymous = false)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases{query}");
            if (token is not null) s.WithBearerToken(token);
            if (anonymous) s.RemoveRequestHeader("Authorization");
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return (result.Context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<IReadOnlyList<JsonElement>> ReadsOfAsync(Guid caseId)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/audit/personal-data-reads?caseId={caseId}");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        return [.. JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task A_counselor_of_the_case_finds_it_with_the_worker_one_of_another_office_learns_only_where_it_is()
    {
        var worker = Worker.New();
        var journey = await Journey.OpenAsync(api, worker.Intake());
        await journey.CloseAsync("withdrew");
        var reopened = await Journey.OpenAsync(api, worker.Intake()); // the same worker back after the first case closed

        var (status, own) = await SearchAsync($"?nik={worker.Nik}");
        status.Should().Be(200);
        var items = own.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("caseId").GetGuid()).Should().Equal(journey.CaseId, reopened.CaseId);
        items.Select(i => i.GetProperty("isOpen").GetBoolean()).Should().Equal(false, true);
        items.Select(i => i.GetProperty("stage").GetString()).Should().Equal("closed", "intake");
        items.Should().OnlyContain(i => i.GetProperty("officeId").GetString() == "bekasi"
                                        && i.GetProperty("counselorId").GetString() == "c-001"
                                        && i.GetProperty("openedOn").GetString() == api.Today.ToString("yyyy-MM-dd"));
        items[1].GetProperty("worker").GetProperty("fullName").GetString().Should().Be(worker.FullName);
        items[1].GetProperty("worker").GetProperty("nik").GetString().Should().Be(worker.Nik);

        var (otherStatus, other) = await SearchAsync($"?nik={worker.Nik}", api.TokenFor("c-003", Role.Counselor, "pasker-jakarta"));
        otherStatus.Should().Be(200);
        var otherItems = other.GetProperty("items").EnumerateArray().ToList();
        otherItems.Select(i => i.GetProperty("caseId").GetGuid()).Should().Equal(journey.CaseId, reopened.CaseId);
        otherItems.Select(i => i.GetProperty("isOpen").GetBoolean()).Should().Equal(false, true);
        // Where the cases are and whether one is open, enough to refer the worker on; not how far they went nor who counsels them.
        otherItems.Should().OnlyContain(i => i.GetProperty("officeId").GetString() == "bekasi"
                                             && i.GetProperty("worker").ValueKind == JsonValueKind.Null
                                             && i.GetProperty("stage").ValueKind == JsonValueKind.Null
                                             && i.GetProperty("counselorId").ValueKind == JsonValueKind.Null
                                             && i.GetProperty("openedOn").ValueKind == JsonValueKind.Null);
        other.GetRawText().Should().NotContain("c-001");
        other.GetRawText().Should().NotContain(worker.FullName).And.NotContain(worker.Phone).And.NotContain(worker.BirthDate);

        // Every search is a personal-data read, whoever searched.
        var reads = await ReadsOfAsync(reopened.CaseId);
        reads.Where(r => r.GetProperty("view").GetString() == "nik-search").Select(r => r.GetProperty("readerId").GetString())
            .Should().BeEquivalentTo(["c-001", "c-003"]);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_answers_an_empty_list_and_is_recorded_too()
    {
        var before = (await ReadsOfAsync(Guid.Empty)).Count;

        var (status, body) = await SearchAsync($"?nik={Requests.NewNik()}", api.TokenFor("s-001", Role.Supervisor, "bekasi"));

        status.Should().Be(200);
        body.GetRawText().Should().Be("""{"items":[]}""");
        (await ReadsOfAsync(Guid.Empty)).Should().HaveCount(before + 1);
    }

    [Theory]
    [InlineData("?nik=32160615059")]
    [InlineData("?nik=32160615059000AB")]
    [InlineData("?nik=%2032160615059000011")]
    [InlineData("")]
    public async Task A_malformed_or_missing_NIK_is_a_400_naming_nik(string query)
    {
        var (status, body) = await SearchAsync(query);

        status.Should().Be(400);
        body.GetProperty("errors").GetProperty("nik")[0].GetString().Should().Be("A NIK is exactly 16 digits.");
    }

    [Fact]
    public async Task A_search_without_a_token_is_a_401()
    {
        var (status, _) = await SearchAsync($"?nik={Requests.NewNik()}", anonymous: true);

        status.Should().Be(401);
    }

    [Fact]
    public async Task An_intake_whose_NIK_has_an_open_case_at_any_office_is_a_409_naming_the_case_recorded_as_a_read_and_opens_nothing()
    {
        var worker = Worker.New();
        var existing = await api.Host.OpenCaseAsync(worker.Intake());
        var intake = worker.Intake();
        intake["officeId"] = "pasker-jakarta";
        intake["counselorId"] = "c-003";
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(intake).ToUrl("/cases");
            s.WithBearerToken(api.TokenFor("c-003", Role.Counselor, "pasker-jakarta"));
            s.StatusCodeShouldBe(409);
        });

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        problem.GetProperty("existingCaseId").GetGuid().Should().Be(existing);
        problem.GetProperty("officeId").GetString().Should().Be("bekasi");
        problem.GetProperty("detail").GetString().Should().Contain(existing.ToString()).And.NotContain(worker.Nik);
        // One event: the record that c-003 learned where this worker's case is; no case, no key.
        (await api.EventCountAsync()).Should().Be(before + 1);
        (await ReadsOfAsync(existing)).Select(r => (r.GetProperty("readerId").GetString(), r.GetProperty("view").GetString()))
            .Should().Contain(("c-003", "duplicate-intake"));
        (await SearchAsync($"?nik={worker.Nik}")).Body.GetProperty("items").GetArrayLength().Should().Be(1);
    }
}
