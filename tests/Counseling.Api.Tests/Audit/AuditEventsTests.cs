using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Audit.Events;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public class AuditEventsTests(ApiFixture api)
{
    private string Auditor => api.TokenFor("a-002", Role.Auditor, null);

    private async Task<AuditedEventsPage> ListAsync(string query)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/events?" + query);
            s.WithBearerToken(Auditor);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<AuditedEventsPage>())!;
    }

    private Task RegisterAsync(string id, string office, string certificate, string expiresOn) => api.Host.Scenario(s =>
    {
        s.Put.Json(new { fullName = "Rina Kartika", officeId = office, certificate = new { number = certificate, issuedOn = "2025-01-01", expiresOn } })
            .ToUrl($"/counselors/{id}");
        s.WithBearerToken(api.TokenFor("adm-002", Role.Admin, null));
        s.StatusCodeShouldBe(200);
    });

    [Fact]
    public async Task A_counselors_registration_renewal_and_move_are_events_with_their_actor()
    {
        var id = $"c-{Random.Shared.Next(500, 999)}";
        await RegisterAsync(id, "bekasi", "AK-100", "2027-01-01");
        await RegisterAsync(id, "bekasi", "AK-100", "2027-01-01"); // the same again: nothing new
        await RegisterAsync(id, "pasker-jakarta", "AK-200", "2030-01-01");

        var page = await ListAsync("userId=adm-002&limit=1000");
        var streamId = Counseling.Api.ReferenceData.CounselorStreams.StreamIdFor(id);
        page.Items.Where(e => e.StreamId == streamId).Select(e => (e.Version, e.Type, e.UserId, e.Role)).Should().Equal(
            (1L, "counselor_registered", "adm-002", "admin"),
            (2L, "counselor_moved_office", "adm-002", "admin"),
            (3L, "counselor_certificate_renewed", "adm-002", "admin"));
    }

    [Fact]
    public async Task A_cases_events_and_the_reads_of_its_personal_data_are_listed_in_sequence_order_a_page_at_a_time()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.LogSessionAsync();
        await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{journey.CaseId}");
            s.WithBearerToken(Auditor);
        });

        var all = await ListAsync($"caseId={journey.CaseId}");
        all.Items.Select(e => (e.Type, e.UserId, e.Role)).Should().Equal(
            ("case_opened", "c-001", "counselor"),
            ("jkp_claim_recorded", "c-001", "counselor"),
            ("counseling_session_logged", "c-001", "counselor"),
            ("personal_data_viewed", "a-002", "auditor"));
        all.Items.Select(e => e.Sequence).Should().BeInAscendingOrder();
        all.NextAfter.Should().BeNull();

        var first = await ListAsync($"caseId={journey.CaseId}&limit=3");
        first.Items.Should().HaveCount(3);
        first.NextAfter.Should().Be(first.Items[2].Sequence);
        var second = await ListAsync($"caseId={journey.CaseId}&limit=3&after={first.NextAfter}");
        second.Items.Select(e => e.Type).Should().Equal("personal_data_viewed");
        second.NextAfter.Should().BeNull();

        var sessions = await ListAsync($"caseId={journey.CaseId}&type=counseling_session_logged");
        sessions.Items.Should().ContainSingle().Which.Version.Should().Be(3);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=-1", "after")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from")]
    [InlineData("caseId=not-a-guid", "caseId")]
    public async Task Bad_filters_are_a_400_naming_the_parameter(string query, string parameter)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/events?" + query);
            s.WithBearerToken(Auditor);
            s.StatusCodeShouldBe(400);
        });
        (await result.ReadAsTextAsync()).Should().Contain(parameter);
    }
}
