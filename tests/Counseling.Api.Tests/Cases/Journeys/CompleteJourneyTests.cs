using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Journeys;

/// <summary>One complete journey for each way a JKP case ends.</summary>
[Collection(ApiCollection.Name)]
public class CompleteJourneyTests(ApiFixture api)
{
    [Fact]
    public async Task Placed_through_a_job_referral()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.LogSessionAsync();
        await journey.AssessAsync("readyForWork");
        (await journey.StageAsync()).Should().Be("assessment");

        var referral = await journey.ReferToJobAsync();
        (await journey.StageAsync()).Should().Be("jobSearch");
        await journey.JobOutcomeAsync(referral, "interviewScheduled");
        await journey.JobOutcomeAsync(referral, "hired");
        await journey.PlaceAsync(referral);
        (await journey.StageAsync()).Should().Be("placed");

        var closed = await journey.CloseAsync("placed");

        closed.GetProperty("version").GetInt64().Should().Be(9);
        var state = await journey.ReadAsync();
        state.GetProperty("stage").GetString().Should().Be("closed");
        state.GetProperty("closedBecause").GetString().Should().Be("placed");
        state.GetProperty("placement").GetProperty("employer").GetString().Should().Be("PT Astra Otoparts");
        state.GetProperty("jobReferrals")[0].GetProperty("outcome").GetString().Should().Be("hired");
    }

    [Fact]
    public async Task Placed_after_training_at_a_BLK()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.AssessAsync("needsTraining");
        var course = await journey.ReferToTrainingAsync("course");
        (await journey.StageAsync()).Should().Be("training");
        await journey.TrainingOutcomeAsync(course, "started");
        await journey.TrainingOutcomeAsync(course, "completed");
        var test = await journey.ReferToTrainingAsync("competencyTest", "Uji Kompetensi Operator Mesin Bubut");
        await journey.TrainingOutcomeAsync(test, "certifiedCompetent");
        (await journey.StageAsync()).Should().Be("jobSearch");

        await journey.PlaceAsync();
        await journey.CloseAsync("placed");

        var state = await journey.ReadAsync();
        state.GetProperty("stage").GetString().Should().Be("closed");
        state.GetProperty("trainingReferrals").EnumerateArray().Select(t => t.GetProperty("outcome").GetString())
            .Should().Equal("completed", "certifiedCompetent");
    }

    [Fact]
    public async Task Self_employed()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.AssessAsync("consideringSelfEmployment");
        await journey.LogSessionAsync();
        await journey.StartSelfEmploymentAsync();
        (await journey.StageAsync()).Should().Be("selfEmployed");

        await journey.CloseAsync("selfEmployed");

        (await journey.ReadAsync()).GetProperty("closedBecause").GetString().Should().Be("selfEmployed");
    }

    [Fact]
    public async Task Closed_as_unreachable_then_reopened()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.AssessAsync("readyForWork");
        await journey.CloseAsync("unreachable");
        (await journey.StageAsync()).Should().Be("closed");

        await journey.ReopenAsync();

        (await journey.StageAsync()).Should().Be("assessment");
        await journey.LogSessionAsync();
        (await journey.ReadAsync()).GetProperty("sessionsCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Reassignment_hands_the_case_to_another_counselor()
    {
        var journey = await Journey.OpenAsync(api);

        var handedOver = await journey.HandOverAsync("c-006");

        (await handedOver.ReadAsync()).GetProperty("counselorId").GetString().Should().Be("c-006");
        await handedOver.LogSessionAsync();
        await journey.LogSessionAsync(status: 403);
    }
}
