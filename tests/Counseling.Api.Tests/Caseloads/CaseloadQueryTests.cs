using Counseling.Api.Access;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>Bad query input, unknown ids, personal data and freshness on the caseload views.</summary>
[Collection(CaseloadCollection.Name)]
public class CaseloadQueryTests(CaseloadFixture api)
{
    private const string Office = "uji-query", Counselor = "uji-query-c1";

    [Theory]
    [InlineData("/counselors/c-001/caseload?stage=hired", "stage")]
    [InlineData("/counselors/c-001/caseload?stage=closed", "stage")]
    [InlineData("/counselors/c-001/caseload?stage=2", "stage")]
    [InlineData("/counselors/c-001/caseload?overdue=yes", "overdue")]
    [InlineData("/counselors/c-001/caseload?page=0", "page")]
    [InlineData("/counselors/c-001/caseload?pageSize=101", "pageSize")]
    [InlineData("/counselors/c-001/follow-ups?from=2027-03-10&to=2027-03-01", "from")]
    [InlineData("/counselors/c-001/follow-ups?from=10-03-2027", "from")]
    [InlineData("/counselors/c-001/follow-ups?from=2027-01-01&to=2027-12-31", "to")]
    [InlineData("/offices/bekasi/dashboard?from=2027-03-31&to=2027-03-01", "from")]
    [InlineData("/offices/bekasi/dashboard?to=tomorrow", "to")]
    public async Task Bad_query_input_is_a_problem_naming_the_parameter(string url, string parameter)
    {
        var problem = await api.GetAsync(url, 400);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
        problem.GetProperty("type").GetString().Should().Be("https://jkp-counseling.example/problems/invalid-input");
    }

    [Theory]
    [InlineData("/counselors/nobody/caseload")]
    [InlineData("/counselors/nobody/follow-ups")]
    [InlineData("/offices/nowhere/dashboard")]
    public async Task Unknown_counselors_and_offices_are_not_found(string url)
    {
        var problem = await api.GetAsync(url, 404);

        problem.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task Seeded_offices_and_counselors_are_served()
    {
        var dashboard = await api.GetAsync("/offices/bekasi/dashboard");

        dashboard.GetProperty("officeName").GetString().Should().Be("Dinas Ketenagakerjaan Kabupaten Bekasi");
        dashboard.GetProperty("counselors").EnumerateArray().Select(c => c.GetProperty("counselorId").GetString())
            .Should().Contain(["c-001", "c-002"]);
        (await api.GetAsync("/counselors/c-003/caseload")).GetProperty("officeId").GetString().Should().Be("pasker-jakarta");
    }

    [Fact]
    public async Task Counselors_see_their_own_caseload_and_supervisors_their_office()
    {
        await api.AddOfficeAsync("uji-akses", ("uji-akses-c1", "Dewi"), ("uji-akses-c2", "Rudi"));
        var counselor = api.TokenFor("uji-akses-c1", Role.Counselor, "uji-akses");
        var supervisor = api.TokenFor("uji-akses-spv", Role.Supervisor, "uji-akses");
        var otherSupervisor = api.TokenFor("bekasi-spv", Role.Supervisor, "bekasi");

        await api.GetAsync("/counselors/uji-akses-c1/caseload", 200, counselor);
        await api.GetAsync("/counselors/uji-akses-c1/follow-ups", 200, counselor);
        await api.GetAsync("/counselors/uji-akses-c2/caseload", 403, counselor);
        await api.GetAsync("/offices/uji-akses/dashboard", 403, counselor);
        await api.GetAsync("/counselors/uji-akses-c2/caseload", 200, supervisor);
        await api.GetAsync("/offices/uji-akses/dashboard", 200, supervisor);
        await api.GetAsync("/counselors/uji-akses-c2/follow-ups", 403, otherSupervisor);
        await api.GetAsync("/offices/uji-akses/dashboard", 403, otherSupervisor);
    }

    [Fact]
    public async Task Caseload_lists_show_the_worker_by_name_and_masked_NIK_only()
    {
        await api.AddOfficeAsync(Office, (Counselor, "Ahmad Fauzi"));
        await CaseSteps.OpenAsync(api, Office, Counselor, "3216061505907788");
        await api.WaitForProjectionsAsync();

        var result = await api.Host.Scenario(s => s.Get.Url($"/counselors/{Counselor}/caseload"));
        var text = await result.ReadAsTextAsync();

        text.Should().Contain("\"maskedNik\":\"************7788\"").And.Contain("\"workerName\":\"Siti Rahmawati\"");
        text.Should().NotContain("3216061505907788").And.NotContain("081234567890").And.NotContain("20012345678");
    }

    [Fact]
    public async Task A_view_says_how_far_behind_the_events_it_is()
    {
        await api.AddOfficeAsync("uji-fresh", ("uji-fresh-c1", "Maria Siahaan"));
        var coordinator = api.Host.Services.GetRequiredService<IProjectionCoordinator>();

        await coordinator.PauseAsync();
        try
        {
            // Whatever the paused projections had left, the intake adds exactly one event to it.
            var lagBefore = (await api.GetAsync("/counselors/uji-fresh-c1/caseload")).GetProperty("freshness").GetProperty("lag").GetInt64();
            await CaseSteps.OpenAsync(api, "uji-fresh", "uji-fresh-c1", "3216061505900555");
            var stale = await api.GetAsync("/counselors/uji-fresh-c1/caseload");

            stale.GetProperty("openCases").GetInt32().Should().Be(0);
            var freshness = stale.GetProperty("freshness");
            freshness.GetProperty("lag").GetInt64().Should().Be(lagBefore + 1);
            (freshness.GetProperty("latestEventSequence").GetInt64() - freshness.GetProperty("eventSequence").GetInt64())
                .Should().Be(freshness.GetProperty("lag").GetInt64());
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
        await api.WaitForProjectionsAsync();

        var current = await api.GetAsync("/counselors/uji-fresh-c1/caseload");
        current.GetProperty("openCases").GetInt32().Should().Be(1);
        current.GetProperty("freshness").GetProperty("lag").GetInt64().Should().Be(0);
    }
}
