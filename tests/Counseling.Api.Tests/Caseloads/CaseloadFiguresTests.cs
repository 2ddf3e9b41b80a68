using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Counseling.Api.Caseloads;
using Counseling.Api.Tests.Infrastructure;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// Journeys for three counselors in two offices over a month, driven over HTTP, and every figure the caseload,
/// follow-up and dashboard views show, exactly: after the journeys, after a closure and a reopening, after a
/// reassignment, and after every projection is rebuilt from the events with the JasperFx projections command.
/// </summary>
[Collection(CaseloadCollection.Name)]
public class CaseloadFiguresTests(CaseloadFixture api)
{
    private const string Bekasi = "uji-bekasi", Kalteng = "uji-kalteng";
    private const string Dewi = "uji-dewi", Rudi = "uji-rudi", Yohana = "uji-yohana";

    private static readonly DateOnly March1 = new(2027, 3, 1), March11 = new(2027, 3, 11), March31 = new(2027, 3, 31);

    [Fact]
    public async Task Caseloads_follow_ups_and_dashboards_add_up_through_reassignment_and_rebuild()
    {
        await api.AddOfficeAsync(Bekasi, (Dewi, "Dewi Anggraini"), (Rudi, "Rudi Hartono"));
        await api.AddOfficeAsync(Kalteng, (Yohana, "Yohana Tarigan"));

        // 1 March: six intakes.
        api.MoveTo(March1);
        var c1 = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900101");
        await c1.SessionAsync(followUpInDays: 7);
        var c2 = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900102");
        await c2.AssessAsync("readyForWork");
        var c2Job = await c2.ReferToJobAsync();
        var c3 = await CaseSteps.OpenAsync(api, Bekasi, Rudi, "3216061505900103");
        await c3.AssessAsync("needsTraining");
        var c3Course = await c3.ReferToTrainingAsync("course");
        var c4 = await CaseSteps.OpenAsync(api, Kalteng, Yohana, "3216061505900104");
        await c4.AssessAsync("consideringSelfEmployment");
        var c5 = await CaseSteps.OpenAsync(api, Kalteng, Yohana, "3216061505900105");
        await c5.SessionAsync(followUpInDays: 3);
        var c6 = await CaseSteps.OpenAsync(api, Bekasi, Rudi, "3216061505900106");
        await c6.SessionAsync(followUpInDays: 2);

        // 11 March: a hire, a course completed and a test passed, a business started, one more intake.
        api.MoveTo(March11);
        await c2.JobOutcomeAsync(c2Job, "hired");
        await c2.PlaceAsync(c2Job);
        await c2.CloseAsync("placed");
        await c3.TrainingOutcomeAsync(c3Course, "started");
        await c3.TrainingOutcomeAsync(c3Course, "completed");
        var c3Test = await c3.ReferToTrainingAsync("competencyTest");
        await c3.TrainingOutcomeAsync(c3Test, "certifiedCompetent");
        await c4.SelfEmployAsync();
        await c4.CloseAsync("selfEmployed");
        var c7 = await CaseSteps.OpenAsync(api, Bekasi, Dewi, "3216061505900107");

        // 31 March: four more placements (30, 30, 20 and 0 days after intake), a failed test, a contact.
        api.MoveTo(March31);
        await c3.PlaceAsync();
        await c6.PlaceAsync();
        await c7.PlaceAsync();
        await c1.SessionAsync(followUpInDays: 5);
        var c5Test = await c5.ReferToTrainingAsync("competencyTest");
        await c5.TrainingOutcomeAsync(c5Test, "notYetCompetent");
        var c8 = await CaseSteps.OpenAsync(api, Kalteng, Yohana, "3216061505900108");
        await c8.PlaceAsync();
        await api.WaitForProjectionsAsync();

        var dewi = await api.GetAsync($"/counselors/{Dewi}/caseload");
        dewi.GetProperty("openCases").GetInt32().Should().Be(2);
        StageCounts(dewi).Should().Equal(Stages(intake: 1, placed: 1));
        dewi.GetProperty("overdueFollowUps").GetInt32().Should().Be(0);
        dewi.GetProperty("sessionsThisMonth").GetInt32().Should().Be(2);
        Items(dewi).Should().Equal(c1.Id, c7.Id);
        var c1Item = dewi.GetProperty("items")[0];
        c1Item.GetProperty("daysSinceIntake").GetInt32().Should().Be(30);
        c1Item.GetProperty("nextFollowUpOn").GetString().Should().Be("2027-04-05");
        c1Item.GetProperty("lastContactAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2027, 3, 31, 2, 0, 0, TimeSpan.Zero));
        c1Item.GetProperty("overdue").GetBoolean().Should().BeFalse();
        dewi.GetProperty("items")[1].GetProperty("daysSinceIntake").GetInt32().Should().Be(20);

        var rudi = await api.GetAsync($"/counselors/{Rudi}/caseload");
        rudi.GetProperty("openCases").GetInt32().Should().Be(2);
        StageCounts(rudi).Should().Equal(Stages(placed: 2));
        rudi.GetProperty("overdueFollowUps").GetInt32().Should().Be(1);
        rudi.GetProperty("sessionsThisMonth").GetInt32().Should().Be(1);
        Items(rudi).Should().Equal(c6.Id, c3.Id);
        rudi.GetProperty("items")[0].GetProperty("overdue").GetBoolean().Should().BeTrue();
        Items(await api.GetAsync($"/counselors/{Rudi}/caseload?overdue=true")).Should().Equal(c6.Id);
        Items(await api.GetAsync($"/counselors/{Rudi}/caseload?overdue=false")).Should().Equal(c3.Id);
        Items(await api.GetAsync($"/counselors/{Rudi}/caseload?stage=intake")).Should().BeEmpty();
        var secondPage = await api.GetAsync($"/counselors/{Rudi}/caseload?page=2&pageSize=1");
        Items(secondPage).Should().Equal(c3.Id);
        secondPage.GetProperty("totalItems").GetInt64().Should().Be(2);

        var rudiWorklist = await api.GetAsync($"/counselors/{Rudi}/follow-ups");
        rudiWorklist.GetProperty("due").GetInt32().Should().Be(0);
        rudiWorklist.GetProperty("overdue").GetInt32().Should().Be(1);
        rudiWorklist.GetProperty("items")[0].GetProperty("caseId").GetGuid().Should().Be(c6.Id);
        rudiWorklist.GetProperty("items")[0].GetProperty("followUpOn").GetString().Should().Be("2027-03-03");
        rudiWorklist.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32().Should().Be(28);
        var dewiWorklist = await api.GetAsync($"/counselors/{Dewi}/follow-ups");
        dewiWorklist.GetProperty("due").GetInt32().Should().Be(1);
        dewiWorklist.GetProperty("items")[0].GetProperty("caseId").GetGuid().Should().Be(c1.Id);
        (await api.GetAsync($"/counselors/{Dewi}/follow-ups?from=2027-04-06&to=2027-04-10"))
            .GetProperty("items").GetArrayLength().Should().Be(0);

        var bekasi = await api.GetAsync($"/offices/{Bekasi}/dashboard?from=2027-03-01&to=2027-03-31");
        bekasi.GetProperty("openCases").GetInt32().Should().Be(4);
        StageCounts(bekasi).Should().Equal(Stages(intake: 1, placed: 3));
        Loads(bekasi).Should().Equal($"{Dewi}:2:0", $"{Rudi}:2:1");
        Period(bekasi).Should().BeEquivalentTo(Figures(new
        {
            newCases = 5, placements = 4, selfEmployments = 0, casesClosed = 1, casesClosedWithWork = 1, placementRate = 1m,
            medianDaysFromIntakeToPlacement = 25m, trainingReferrals = 2, trainingCompletions = 1,
            competencyTestsTaken = 1, competencyTestsPassed = 1, competencyTestPassRate = 1m,
        }));
        Period(await api.GetAsync($"/offices/{Bekasi}/dashboard?from=2027-03-11&to=2027-03-11")).Should().BeEquivalentTo(Figures(new
        {
            newCases = 1, placements = 1, selfEmployments = 0, casesClosed = 1, casesClosedWithWork = 1, placementRate = 1m,
            medianDaysFromIntakeToPlacement = 10m, trainingReferrals = 1, trainingCompletions = 1,
            competencyTestsTaken = 1, competencyTestsPassed = 1, competencyTestPassRate = 1m,
        }));

        // A closure takes the case off the caseload; reopening puts it back, without its old follow-up.
        await c5.CloseAsync("unreachable");
        await api.WaitForProjectionsAsync();
        var kalteng = await api.GetAsync($"/offices/{Kalteng}/dashboard?from=2027-03-01&to=2027-03-31");
        Loads(kalteng).Should().Equal($"{Yohana}:1:0");
        Period(kalteng).Should().BeEquivalentTo(Figures(new
        {
            newCases = 3, placements = 1, selfEmployments = 1, casesClosed = 2, casesClosedWithWork = 1, placementRate = 0.5m,
            medianDaysFromIntakeToPlacement = 0m, trainingReferrals = 1, trainingCompletions = 0,
            competencyTestsTaken = 1, competencyTestsPassed = 0, competencyTestPassRate = 0m,
        }));
        await c5.ReopenAsync();
        await api.WaitForProjectionsAsync();
        var yohana = await api.GetAsync($"/counselors/{Yohana}/caseload");
        yohana.GetProperty("openCases").GetInt32().Should().Be(2);
        StageCounts(yohana).Should().Equal(Stages(jobSearch: 1, placed: 1));
        yohana.GetProperty("overdueFollowUps").GetInt32().Should().Be(0);
        yohana.GetProperty("sessionsThisMonth").GetInt32().Should().Be(1);

        // Reassignment moves the case; sessions stay credited to whoever held the case when they were held.
        await c1.ReassignAsync(Rudi);
        await c1.SessionAsync(followUpInDays: 2);
        await api.WaitForProjectionsAsync();
        dewi = await api.GetAsync($"/counselors/{Dewi}/caseload");
        Items(dewi).Should().Equal(c7.Id);
        dewi.GetProperty("sessionsThisMonth").GetInt32().Should().Be(2);
        rudi = await api.GetAsync($"/counselors/{Rudi}/caseload");
        Items(rudi).Should().Equal(c6.Id, c1.Id, c3.Id);
        StageCounts(rudi).Should().Equal(Stages(intake: 1, placed: 2));
        rudi.GetProperty("overdueFollowUps").GetInt32().Should().Be(1);
        rudi.GetProperty("sessionsThisMonth").GetInt32().Should().Be(2);
        bekasi = await api.GetAsync($"/offices/{Bekasi}/dashboard?from=2027-03-01&to=2027-03-31");
        Loads(bekasi).Should().Equal($"{Dewi}:1:0", $"{Rudi}:3:1");
        bekasi.GetProperty("openCases").GetInt32().Should().Be(4);

        // Rebuild: wipe what the projections wrote, run the projections command, and expect the same answers.
        string[] views =
        [
            $"/counselors/{Dewi}/caseload", $"/counselors/{Rudi}/caseload", $"/counselors/{Yohana}/caseload",
            $"/counselors/{Rudi}/follow-ups", $"/counselors/{Dewi}/follow-ups",
            $"/offices/{Bekasi}/dashboard?from=2027-03-01&to=2027-03-31", $"/offices/{Kalteng}/dashboard?from=2027-03-01&to=2027-03-31",
            $"/offices/{Bekasi}/dashboard?from=2027-03-11&to=2027-03-11",
        ];
        var before = await Task.WhenAll(views.Select(async v => WithoutFreshness(await api.GetAsync(v))));

        var coordinator = api.Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            await using (var session = api.Store.LightweightSession())
            {
                session.DeleteWhere<CaseloadEntry>(_ => true);
                session.DeleteWhere<OfficeDailyStatistics>(_ => true);
                session.DeleteWhere<CounselorMonthlyActivity>(_ => true);
                await session.SaveChangesAsync();
            }
            (await api.GetAsync($"/counselors/{Rudi}/caseload")).GetProperty("openCases").GetInt32().Should().Be(0);

            await RunProjectionsRebuildAsync();
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
        await api.WaitForProjectionsAsync();

        var after = await Task.WhenAll(views.Select(async v => WithoutFreshness(await api.GetAsync(v))));
        after.Should().Equal(before);
        var freshness = (await api.GetAsync($"/offices/{Bekasi}/dashboard")).GetProperty("freshness");
        freshness.GetProperty("lag").GetInt64().Should().Be(0);
        freshness.GetProperty("eventSequence").GetInt64().Should().Be(freshness.GetProperty("latestEventSequence").GetInt64());
    }

    /// <summary>`Counseling.Api projections rebuild`, the JasperFx command an operator runs, against this fixture's database.</summary>
    private async Task RunProjectionsRebuildAsync()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var apiOutput = Path.Combine(ApiFixture.RepositoryRoot, "src", "Counseling.Api", "bin", testOutput.Parent!.Name, testOutput.Name);

        var start = new ProcessStartInfo("dotnet", "Counseling.Api.dll projections rebuild")
        {
            WorkingDirectory = apiOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Marten"] = api.ConnectionString;
        // Development: the service's start-up insists on an OpenID Connect authority anywhere else.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        process.ExitCode.Should().Be(0, $"the rebuild said:\n{await output}\n{await errors}");
    }

    private static Guid[] Items(JsonElement view) =>
        [.. view.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetGuid())];

    private static Dictionary<string, int> StageCounts(JsonElement view) =>
        view.GetProperty("openCasesByStage").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    private static Dictionary<string, int> Stages(int intake = 0, int assessment = 0, int jobSearch = 0, int training = 0, int placed = 0, int selfEmployed = 0) =>
        new()
        {
            ["intake"] = intake, ["assessment"] = assessment, ["jobSearch"] = jobSearch,
            ["training"] = training, ["placed"] = placed, ["selfEmployed"] = selfEmployed,
        };

    /// <summary>"counselor:open cases:overdue follow-ups" for each counselor on a dashboard.</summary>
    private static string[] Loads(JsonElement dashboard) =>
        [.. dashboard.GetProperty("counselors").EnumerateArray().Select(c =>
            $"{c.GetProperty("counselorId").GetString()}:{c.GetProperty("openCases").GetInt32()}:{c.GetProperty("overdueFollowUps").GetInt32()}")];

    private static Dictionary<string, object?> Period(JsonElement dashboard) =>
        dashboard.GetProperty("period").EnumerateObject().ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            _ when p.Name.EndsWith("Rate") || p.Name.StartsWith("median") => p.Value.GetDecimal(),
            _ => p.Value.GetInt32(),
        }));

    private static Dictionary<string, object?> Figures(object expected) =>
        expected.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(expected));

    private static string WithoutFreshness(JsonElement view)
    {
        var node = JsonNode.Parse(view.GetRawText())!.AsObject();
        node.Remove("freshness");
        return node.ToJsonString();
    }
}
