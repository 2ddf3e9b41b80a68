using System.Text.Json;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Journeys;

/// <summary>Every rule of the journey, refused over HTTP with a problem that says why, and nothing written.</summary>
[Collection(ApiCollection.Name)]
public class RefusalTests(ApiFixture api)
{
    private async Task<JsonElement> RefusedWithoutWriting(Journey journey, Func<Journey, Task<JsonElement>> attempt)
    {
        var before = await api.EventCountAsync();
        var problem = await attempt(journey);
        (await api.EventCountAsync()).Should().Be(before);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    [Fact]
    public async Task A_closed_case_accepts_nothing_but_reopening()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.CloseAsync("withdrew");

        await RefusedWithoutWriting(journey, j => j.LogSessionAsync(409));
        await RefusedWithoutWriting(journey, j => j.AssessAsync("readyForWork", 409));
        await RefusedWithoutWriting(journey, j => j.PostAsync("job-referrals",
            new { vacancyReference = "V-1", employer = "PT X", position = "Sales Executive", referredOn = journey.Today }, 409));
        await RefusedWithoutWriting(journey, j => j.PostAsync("training-referrals",
            new { provider = "BLK Bekasi", programme = "Listrik", kind = "course", startsOn = journey.Today }, 409));
        await RefusedWithoutWriting(journey, j => j.PlaceAsync(status: 409));
        await RefusedWithoutWriting(journey, j => j.StartSelfEmploymentAsync(409));
        await RefusedWithoutWriting(journey, j => j.ReassignAsync("c-006", 409));
        var closedTwice = await RefusedWithoutWriting(journey, j => j.CloseAsync("other", 409));
        closedTwice.GetProperty("detail").GetString().Should().Contain("already closed");

        await journey.ReopenAsync();
        await RefusedWithoutWriting(journey, j => j.ReopenAsync(409));
    }

    [Fact]
    public async Task An_outcome_needs_an_open_referral_of_that_kind()
    {
        var journey = await Journey.OpenAsync(api);
        var jobReferral = await journey.ReferToJobAsync();
        var trainingReferral = await journey.ReferToTrainingAsync();

        // A job referral's id is no training referral, and the other way round.
        await RefusedWithoutWriting(journey, j => j.TrainingOutcomeAsync(jobReferral, "completed", 404));
        await RefusedWithoutWriting(journey, j => j.JobOutcomeAsync(trainingReferral, "hired", 404));

        await journey.JobOutcomeAsync(jobReferral, "rejected");
        await RefusedWithoutWriting(journey, j => j.JobOutcomeAsync(jobReferral, "hired", 409));

        var misfit = await RefusedWithoutWriting(journey, j => j.TrainingOutcomeAsync(trainingReferral, "certifiedCompetent", 422));
        misfit.GetProperty("field").GetString().Should().Be("outcome");
    }

    [Fact]
    public async Task Dates_may_not_be_in_the_future_nor_before_the_case_opened()
    {
        var journey = await Journey.OpenAsync(api);
        var tomorrow = api.Today.AddDays(1).ToString("yyyy-MM-dd");
        var lastYear = api.Today.AddYears(-1).ToString("yyyy-MM-dd");

        var future = await RefusedWithoutWriting(journey, j => j.PostAsync("job-referrals",
            new { vacancyReference = "V-1", employer = "PT X", position = "Sales Executive", referredOn = tomorrow }, 400));
        future.GetProperty("errors").TryGetProperty("referredOn", out _).Should().BeTrue();

        var early = await RefusedWithoutWriting(journey, j => j.PostAsync("self-employment",
            new { businessType = "Warung makan", startsOn = lastYear }, 400));
        early.GetProperty("errors").TryGetProperty("startsOn", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_placement_needs_a_positive_wage_and_a_worker_not_already_working()
    {
        var journey = await Journey.OpenAsync(api);

        var unpaid = await RefusedWithoutWriting(journey, j => j.PlaceAsync(monthlyWage: 0, status: 400));
        unpaid.GetProperty("errors").TryGetProperty("monthlyWage", out _).Should().BeTrue();
        await RefusedWithoutWriting(journey, j => j.PlaceAsync(jobReferralId: Guid.NewGuid(), status: 404));

        await journey.PlaceAsync();
        await RefusedWithoutWriting(journey, j => j.PlaceAsync(status: 409));
        await RefusedWithoutWriting(journey, j => j.StartSelfEmploymentAsync(409));
    }

    [Fact]
    public async Task A_placement_follow_up_comes_three_months_after_the_start()
    {
        var journey = await Journey.OpenAsync(api);
        await RefusedWithoutWriting(journey, j => j.FollowUpPlacementAsync(409));

        await journey.PlaceAsync();

        var tooEarly = await RefusedWithoutWriting(journey, j => j.FollowUpPlacementAsync(422));
        tooEarly.GetProperty("detail").GetString().Should().Contain("3 months");
    }

    [Fact]
    public async Task A_case_closes_as_placed_or_self_employed_only_when_it_is()
    {
        var journey = await Journey.OpenAsync(api);

        await RefusedWithoutWriting(journey, j => j.CloseAsync("placed", 409));
        await RefusedWithoutWriting(journey, j => j.CloseAsync("selfEmployed", 409));
        await RefusedWithoutWriting(journey, j => j.ReassignAsync("c-001", 409));
    }

    [Fact]
    public async Task Writes_to_an_unknown_case_are_404()
    {
        var ghost = new Journey(api, Guid.NewGuid());

        await RefusedWithoutWriting(ghost, j => j.AssessAsync("readyForWork", 404));
        await RefusedWithoutWriting(ghost, j => j.CloseAsync("withdrew", 404));
    }
}
