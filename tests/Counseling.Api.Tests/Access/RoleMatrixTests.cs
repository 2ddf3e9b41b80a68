using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Xunit.Sdk;

namespace Counseling.Api.Tests.Access;

/// <summary>
/// Every route the service answers, called by every kind of caller, with the exact status each one gets. The table
/// is checked against the routes the running service serves: a route without a row fails the suite by name.
/// </summary>
[Collection(ApiCollection.Name)]
public class RoleMatrixTests(ApiFixture api)
{
    public enum Who
    {
        Anonymous,
        AssignedCounselor,
        CounselorOfOtherOffice,
        SupervisorOfOffice,
        SupervisorOfOtherOffice,
        Auditor,
        Admin,
    }

    /// <summary>
    /// One call to a route: <see cref="Prepare"/> sets up what the call needs (a case, a referral, a closed case) and
    /// gives its URL; <see cref="Body"/> is a body the route accepts from a caller it serves. <see cref="Appends"/>
    /// is how many events an answer in 2xx appends; any other answer must write nothing at all.
    /// </summary>
    public sealed record Row(
        string Route,
        string Query,
        Func<RoleMatrixTests, Task<string>> Prepare,
        Func<ApiFixture, object?> Body,
        IReadOnlyDictionary<Who, int> Expected,
        int Appends)
    {
        public string Name => Route + Query;
    }

    private static Row R(
        string route, Func<RoleMatrixTests, Task<string>> prepare, Func<ApiFixture, object?> body,
        int anonymous, int assignedCounselor, int counselorOfOtherOffice, int supervisorOfOffice,
        int supervisorOfOtherOffice, int auditor, int admin, int appends = 0, string query = "") =>
        new(route, query, prepare, body, new Dictionary<Who, int>
        {
            [Who.Anonymous] = anonymous,
            [Who.AssignedCounselor] = assignedCounselor,
            [Who.CounselorOfOtherOffice] = counselorOfOtherOffice,
            [Who.SupervisorOfOffice] = supervisorOfOffice,
            [Who.SupervisorOfOtherOffice] = supervisorOfOtherOffice,
            [Who.Auditor] = auditor,
            [Who.Admin] = admin,
        }, appends);

    private static readonly Func<ApiFixture, object?> NoBody = _ => null;

    private static string Day(ApiFixture api) => api.Today.ToString("yyyy-MM-dd");

    /// <summary>
    /// The matrix. The case is c-001's at the Bekasi office; the other office is Pasker.ID Jakarta (c-003, s-002).
    /// Caseloads are c-001's, the dashboard is Bekasi's.
    /// </summary>
    public static readonly Row[] Table =
    [
        // Each row: route, how to get its URL, the body it sends; then the status for each caller, in this order:
        // anonymous, assigned counselor, counselor of other office, supervisor of office, supervisor of other office, auditor, admin.
        R("POST /cases", _ => Task.FromResult("/cases"), _ => Requests.OpenCase(),
            401, 201, 403, 403, 403, 403, 403, appends: 2), // the intake and its JKP claim
        // Every case reader may search a NIK; whose personal data the answer shows is ReturningWorkerTests' matter.
        // Every read of personal data, a search by NIK included, is recorded as a PersonalDataViewed event.
        R("GET /cases", _ => Task.FromResult("/cases?nik=3216061505909999"), NoBody,
            401, 200, 200, 200, 200, 200, 403, appends: 1, query: "?nik="),
        R("GET /cases/{id}", t => t.CaseAsync(""), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 1),
        R("GET /cases/{id}", t => t.CaseAsync("?version=1"), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 1, query: "?version=1"),
        R("GET /cases/{id}/events", t => t.CaseAsync("/events"), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 1),
        R("GET /cases/{id}/history", t => t.CaseAsync("/history"), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 1),
        R("GET /cases/{id}/benefit", t => t.CaseAsync("/benefit?ruleSet=PP-37-2021"), NoBody,
            401, 200, 403, 200, 403, 200, 403, query: "?ruleSet="),
        R("POST /cases/{id}/job-search-commitment", t => t.CaseAsync("/job-search-commitment"), a => new { committedOn = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/job-search-activities", t => t.CommittedCaseAsync("/job-search-activities"),
            a => new { kind = "application", on = Day(a), employer = "PT A" },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/jkp/approval", t => t.CaseAsync("/jkp/approval"), a => new { approvedOn = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        // An earlier claim is one made before this claim's PHK.
        R("POST /cases/{id}/jkp/earlier-claims", t => t.CaseAsync("/jkp/earlier-claims"), a => new { claimedOn = a.Today.AddYears(-6).ToString("yyyy-MM-dd") },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/employment-plan", t => t.CaseAsync("/employment-plan"), a => Plan(a),
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/employment-plan/approval", t => t.PlannedCaseAsync("/employment-plan/approval"), _ => new { version = 1 },
            401, 403, 403, 200, 403, 403, 403, appends: 1),
        // The transfer goes from Bekasi to Pasker.ID Jakarta: that office's supervisor answers it.
        R("POST /cases/{id}/transfer", t => t.CaseAsync("/transfer"), _ => new { toOfficeId = "pasker-jakarta", reason = "Pindah domisili" },
            401, 403, 403, 200, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/transfer/acceptance", t => t.TransferringCaseAsync("/transfer/acceptance"), _ => new { counselorId = "c-003" },
            401, 403, 403, 403, 200, 403, 403, appends: 1),
        R("POST /cases/{id}/transfer/decline", t => t.TransferringCaseAsync("/transfer/decline"), _ => new { reason = "Kuota penuh" },
            401, 403, 403, 403, 200, 403, 403, appends: 1),
        R("POST /cases/{id}/corrections", t => t.CaseAsync("/corrections"), _ => new { target = "workerPhone", phone = "081299990000", reason = "Nomor baru" },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/sessions", t => t.CaseAsync("/sessions"), a => Requests.LogSession(a.Now),
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/assessments", t => t.CaseAsync("/assessments"),
            a => new { assessedOn = Day(a), educationLevel = "bachelor", readiness = "readyForWork" },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/job-referrals", t => t.CaseAsync("/job-referrals"),
            a => new { vacancyReference = "V-1", employer = "PT A", position = "Sales Executive", referredOn = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/job-referrals/{referralId}/outcome", t => t.JobReferralOutcomeAsync(),
            a => new { outcome = "interviewScheduled", on = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/training-referrals", t => t.CaseAsync("/training-referrals"),
            a => new { provider = "BLK", programme = "Barbershop", kind = "course", startsOn = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/training-referrals/{referralId}/outcome", t => t.TrainingReferralOutcomeAsync(),
            a => new { outcome = "started", on = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/placements", t => t.CaseAsync("/placements"),
            a => new { employer = "PT A", position = "Sales", startsOn = Day(a), monthlyWage = 5_000_000, contractType = "permanent" },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        // The follow-up is due three months after the start (PlacementDecisions.FollowUpAfterMonths) and the fixture's
        // clock does not move by months: the assigned counselor gets through access to that rule, 422.
        R("POST /cases/{id}/placement-follow-up", t => t.PlacedCaseAsync("/placement-follow-up"),
            a => new { on = Day(a), stillEmployed = true },
            401, 422, 403, 403, 403, 403, 403),
        R("POST /cases/{id}/self-employment", t => t.CaseAsync("/self-employment"),
            a => new { businessType = "Warung", startsOn = Day(a) },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/closure", t => t.CaseAsync("/closure"), _ => new { reason = "withdrew" },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/reopening", t => t.ClosedCaseAsync("/reopening"), _ => new { reason = "Kembali" },
            401, 200, 403, 403, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/reassignment", t => t.CaseAsync("/reassignment"), _ => new { counselorId = "c-006", reason = "Cuti" },
            401, 403, 403, 200, 403, 403, 403, appends: 1),
        R("POST /cases/{id}/personal-data-erasure", t => t.CaseAsync("/personal-data-erasure"), _ => new { requestReference = "PDP-9" },
            401, 403, 403, 200, 403, 403, 200, appends: 1), // the request only
        // A request taken in by adm-002: only another administrator approves it (the approval and the erasure).
        R("POST /cases/{id}/personal-data-erasure/approval", t => t.ErasureRequestedCaseAsync(), _ => new { requestReference = "PDP-9" },
            401, 403, 403, 403, 403, 403, 200, appends: 2),
        R("PUT /counselors/{id}", _ => Task.FromResult("/counselors/c-160"), _ => new
            {
                fullName = "Uji Matriks", officeId = "bekasi",
                certificate = new { number = "AK-9", issuedOn = "2025-01-01", expiresOn = "2030-01-01" },
            },
            401, 403, 403, 403, 403, 403, 200, appends: 1), // the registration, as an event of the counselor's stream
        R("PUT /supervisors/{id}", _ => Task.FromResult("/supervisors/s-160"), _ => new { fullName = "Uji Matriks", officeId = "kalteng" },
            401, 403, 403, 403, 403, 403, 200, appends: 1), // the registration, as an event of the supervisor's stream
        R("PUT /administrators/{id}", _ => Task.FromResult("/administrators/adm-160"), _ => new { fullName = "Uji Matriks" },
            401, 403, 403, 403, 403, 403, 200, appends: 1),
        R("PUT /auditors/{id}", _ => Task.FromResult("/auditors/a-161"), _ => new { fullName = "Uji Matriks" },
            401, 403, 403, 403, 403, 403, 200, appends: 1),
        R("POST /deregistrations", t => t.RegisteredAuditorAsync("a-162"), _ => new { role = "auditor", userId = "a-162", reason = "Pindah tugas" },
            401, 403, 403, 403, 403, 403, 200, appends: 1),
        R("GET /counselors/{id}/caseload", _ => Task.FromResult("/counselors/c-001/caseload"), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 0), // the read of the list is recorded as a document, not an event
        R("GET /counselors/{id}/follow-ups", _ => Task.FromResult("/counselors/c-001/follow-ups"), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 0), // the read of the list is recorded as a document, not an event
        R("GET /counselors/{id}/worklist", _ => Task.FromResult("/counselors/c-001/worklist"), NoBody,
            401, 200, 403, 200, 403, 200, 403, appends: 0), // the read of the list is recorded as a document, not an event
        // c-002 (certificate expired) holds no open case: nothing moves, whoever may ask.
        R("POST /offices/{id}/reassignments", _ => Task.FromResult("/offices/bekasi/reassignments"),
            _ => new { fromCounselorId = "c-002", toCounselorId = "c-006", reason = "Sertifikat habis" },
            401, 403, 403, 200, 403, 403, 403),
        R("GET /offices/{id}/dashboard", _ => Task.FromResult("/offices/bekasi/dashboard"), NoBody,
            401, 403, 403, 200, 403, 200, 403),
        R("GET /offices/{id}/rule-impact", _ => Task.FromResult("/offices/bekasi/rule-impact?ruleSet=PP-37-2021"), NoBody,
            401, 403, 403, 200, 403, 200, 403, query: "?ruleSet="),
        R("GET /offices/{id}/dashboard", _ => Task.FromResult("/offices/bekasi/dashboard?asOf=2026-01-01T00:00:00Z"), NoBody,
            401, 403, 403, 200, 403, 200, 403, query: "?asOf="),
        // A supervisor's report covers their own office, whichever it is; naming another office is refused.
        R("GET /reports/outcomes", _ => Task.FromResult("/reports/outcomes?groupBy=counselor"), NoBody,
            401, 403, 403, 200, 200, 200, 200),
        R("GET /reports/outcomes", _ => Task.FromResult("/reports/outcomes?officeId=bekasi"), NoBody,
            401, 403, 403, 200, 403, 200, 200, query: "?officeId="),
        R("GET /reports/outcomes", _ => Task.FromResult("/reports/outcomes?officeId=bekasi&asOf=2026-01-01T00:00:00Z"), NoBody,
            401, 403, 403, 200, 403, 200, 200, query: "?officeId=&asOf="),
        // The monthly report: the office's supervisors and auditors; taking it is recorded (MonthlyReportProduced).
        R("GET /offices/{id}/reports/monthly", _ => Task.FromResult("/offices/bekasi/reports/monthly?month=2026-10"), NoBody,
            401, 403, 403, 200, 403, 200, 403, appends: 1, query: "?month="),
        // The body: the JSON report, taken as the call is prepared; recomputing it writes nothing.
        R("POST /offices/{id}/reports/monthly/recompute", t => t.MonthlyReportAsync(), _ => LastMonthlyReport,
            401, 403, 403, 200, 403, 200, 403),
        R("GET /audit/events", _ => Task.FromResult("/audit/events?limit=5"), NoBody,
            401, 403, 403, 403, 403, 200, 403, query: "?limit="),
        R("GET /audit/checkpoint", _ => Task.FromResult("/audit/checkpoint"), NoBody,
            401, 403, 403, 403, 403, 200, 403),
        R("GET /audit/checkpoint-keys", _ => Task.FromResult("/audit/checkpoint-keys"), NoBody,
            401, 403, 403, 403, 403, 200, 403),
        // The body: a genuine checkpoint, issued as the call is prepared.
        R("POST /audit/verify", t => t.CheckpointAsync(), _ => LastCheckpoint,
            401, 403, 403, 403, 403, 200, 403),
        R("GET /audit/verify", _ => Task.FromResult("/audit/verify"), NoBody,
            401, 403, 403, 403, 403, 200, 403),
        R("GET /audit/personal-data-reads", _ => Task.FromResult("/audit/personal-data-reads"), NoBody,
            401, 403, 403, 403, 403, 200, 403),
    ];

    private const string TableName = "RoleMatrixTests.Table";

    public static TheoryData<string, Who> Matrix()
    {
        var data = new TheoryData<string, Who>();
        foreach (var row in Table)
        foreach (var who in Enum.GetValues<Who>())
            data.Add(row.Name, who);
        return data;
    }

    private string? TokenOf(Who who) => who switch
    {
        Who.AssignedCounselor => api.TokenFor("c-001", Role.Counselor, "bekasi"),
        Who.CounselorOfOtherOffice => api.TokenFor("c-003", Role.Counselor, "pasker-jakarta"),
        Who.SupervisorOfOffice => api.TokenFor("s-001", Role.Supervisor, "bekasi"),
        Who.SupervisorOfOtherOffice => api.TokenFor("s-002", Role.Supervisor, "pasker-jakarta"),
        Who.Auditor => api.TokenFor("a-001", Role.Auditor, null),
        Who.Admin => api.TokenFor("adm-001", Role.Admin, null),
        _ => null,
    };

    private async Task<string> CaseAsync(string path) => $"/cases/{await api.Host.OpenCaseAsync()}{path}";

    private async Task<string> JobReferralOutcomeAsync()
    {
        var journey = await Journey.OpenAsync(api);
        return $"/cases/{journey.CaseId}/job-referrals/{await journey.ReferToJobAsync()}/outcome";
    }

    private async Task<string> TrainingReferralOutcomeAsync()
    {
        var journey = await Journey.OpenAsync(api);
        return $"/cases/{journey.CaseId}/training-referrals/{await journey.ReferToTrainingAsync()}/outcome";
    }

    private async Task<string> PlacedCaseAsync(string path)
    {
        var journey = await Journey.OpenAsync(api);
        await journey.PlaceAsync();
        return $"/cases/{journey.CaseId}{path}";
    }

    private static Counseling.Api.Audit.Checkpoints.Checkpoint? LastCheckpoint;

    private async Task<string> CheckpointAsync()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/checkpoint");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        LastCheckpoint = await result.ReadAsJsonAsync<Counseling.Api.Audit.Checkpoints.Checkpoint>();
        return "/audit/verify";
    }

    private static System.Text.Json.Nodes.JsonNode? LastMonthlyReport;

    private async Task<string> MonthlyReportAsync()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/offices/bekasi/reports/monthly?month=2026-10");
            s.WithRequestHeader("Accept", "application/json");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        LastMonthlyReport = System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync());
        return "/offices/bekasi/reports/monthly/recompute";
    }

    private static object Plan(ApiFixture api) => new
    {
        goals = new[] { new { occupation = "7223", targetDate = api.Today.AddMonths(3).ToString("yyyy-MM-dd") } },
        actions = new[] { new { what = "Ikut pelatihan las", who = "worker", dueOn = api.Today.AddDays(14).ToString("yyyy-MM-dd") } },
    };

    private async Task<string> PlannedCaseAsync(string path)
    {
        var journey = await Journey.OpenAsync(api);
        await journey.PostAsync("employment-plan", Plan(api), 200);
        return $"/cases/{journey.CaseId}{path}";
    }

    private async Task<string> TransferringCaseAsync(string path)
    {
        var journey = await Journey.OpenAsync(api);
        await journey.As(api.TokenFor("s-001", Role.Supervisor, "bekasi"))
            .PostAsync("transfer", new { toOfficeId = "pasker-jakarta", reason = "Pindah domisili" }, 200);
        return $"/cases/{journey.CaseId}{path}";
    }

    private async Task<string> CommittedCaseAsync(string path)
    {
        var journey = await Journey.OpenAsync(api);
        await journey.PostAsync("job-search-commitment", new { committedOn = api.Today.ToString("yyyy-MM-dd") }, 200);
        return $"/cases/{journey.CaseId}{path}";
    }

    private async Task<string> ErasureRequestedCaseAsync()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.As(api.TokenFor("adm-002", Role.Admin, null)).PostAsync("personal-data-erasure", new { requestReference = "PDP-9" }, 200);
        return $"/cases/{journey.CaseId}/personal-data-erasure/approval";
    }

    /// <summary>An auditor registered (again) for the call to withdraw.</summary>
    private async Task<string> RegisteredAuditorAsync(string id)
    {
        await api.Host.Scenario(s =>
        {
            s.Put.Json(new { fullName = "Uji Matriks" }).ToUrl($"/auditors/{id}");
            s.WithBearerToken(api.TokenFor("adm-002", Role.Admin, null));
            s.StatusCodeShouldBe(200);
        });
        return "/deregistrations";
    }

    private async Task<string> ClosedCaseAsync(string path)
    {
        var journey = await Journey.OpenAsync(api);
        await journey.CloseAsync("withdrew");
        return $"/cases/{journey.CaseId}{path}";
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_exactly_the_answer_their_role_and_office_give(string row, Who who)
    {
        var expectation = Table.Single(r => r.Name == row);
        var url = await expectation.Prepare(this);
        var body = expectation.Body(api);
        var method = expectation.Route.Split(' ')[0];
        var before = await api.FootprintAsync();

        var result = await api.Host.Scenario(s =>
        {
            switch (method)
            {
                case "GET": s.Get.Url(url); break;
                case "PUT": s.Put.Json(body!).ToUrl(url); break;
                case "POST": s.Post.Json(body!).ToUrl(url); break;
                default: throw new InvalidOperationException($"The matrix does not send {method} yet: add it here.");
            }
            if (TokenOf(who) is { } token) s.WithBearerToken(token);
            else s.RemoveRequestHeader("Authorization");
            s.IgnoreStatusCode();
        });

        var status = result.Context.Response.StatusCode;
        var text = await result.ReadAsTextAsync();
        status.Should().Be(expectation.Expected[who], "{0} calling {1} ({2}) answered: {3}", who, row, url, text);
        var after = await api.FootprintAsync();
        if (status is >= 200 and < 300)
            (after.Events - before.Events).Should().Be(expectation.Appends);
        else
        {
            after.Should().Be(before, "a refused call writes nothing");
            text.Should().NotContain("Siti Rahmawati").And.NotContain("081234567890");
        }
        if (status == 403) text.Should().Contain("\"status\":403");
    }

    [Fact]
    public void Every_route_the_service_answers_has_a_row_in_the_matrix() =>
        RouteCoverage.AssertCovers(RouteCoverage.Served(api.Host.Services), Table.Select(r => r.Route), TableName);

    public static TheoryData<string> RoutesInTable() => new(Table.Select(r => r.Route).Distinct());

    /// <summary>The check above, run against the table without one route: it fails and names that route.</summary>
    [Theory]
    [MemberData(nameof(RoutesInTable))]
    public void A_route_without_a_row_fails_the_matrix_by_name(string route)
    {
        var served = RouteCoverage.Served(api.Host.Services);

        var check = () => RouteCoverage.AssertCovers(served, Table.Select(r => r.Route).Where(r => r != route), TableName);

        check.Should().Throw<XunitException>()
            .Which.Message.Should().Contain($"{Environment.NewLine}{route} has no expectation in {TableName}: add one.");
    }

    [Fact]
    public void A_row_for_a_route_the_service_does_not_answer_fails_the_matrix_by_name()
    {
        var served = RouteCoverage.Served(api.Host.Services);

        var check = () => RouteCoverage.AssertCovers(served, Table.Select(r => r.Route).Append("POST /cases/{id}/teleportation"), TableName);

        check.Should().Throw<XunitException>().Which.Message.Should().EndWith(
            $"POST /cases/{{id}}/teleportation is in {TableName}, but the service does not answer it.");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        const string forged = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjLTAwMSIsInJvbGUiOiJjb3Vuc2Vsb3IiLCJvZmZpY2UiOiJiZWthc2kiLCJhdWQiOiJjb3Vuc2VsaW5nLWFwaSJ9.c2lnbmVkLXdpdGgtYW5vdGhlci1rZXk";
        await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{Guid.NewGuid()}");
            s.WithBearerToken(forged);
            s.StatusCodeShouldBe(401);
        });
    }
}
