using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Caseloads;
using Counseling.Api.Tests.Infrastructure;
using Marten;

namespace Counseling.Api.Tests.Workday;

/// <summary>
/// A counselor's working day over HTTP on the pinned clock: the worklist, employment plans, transfers between offices,
/// bulk reassignment and corrections.
/// </summary>
[Collection(CaseloadCollection.Name)]
public class WorkdayTests(CaseloadFixture api)
{
    private static readonly DateOnly May4 = new(2027, 5, 4);

    private string Counselor(string id, string office) => api.TokenFor(id, Role.Counselor, office);
    private string Supervisor(string office) => api.TokenFor($"{office}-supervisor", Role.Supervisor, office);

    [Fact]
    public async Task A_placement_puts_its_follow_up_on_the_worklist_three_months_after_the_job_starts()
    {
        await api.AddOfficeAsync("wl-bekasi", ("wl-dewi", "Dewi"));
        api.MoveTo(May4);
        var placed = await CaseSteps.OpenAsync(api, "wl-bekasi", "wl-dewi", "3216061505901001");
        await placed.PlaceAsync();
        var silent = await CaseSteps.OpenAsync(api, "wl-bekasi", "wl-dewi", "3216061505901002");
        await silent.SessionAsync(followUpInDays: 10);
        await api.WaitForProjectionsAsync();

        // Three months on, the placement follow-up is due that day; the other case has been silent for 91 days.
        var worklist = await api.GetAsync("/counselors/wl-dewi/worklist?from=2027-08-04&to=2027-08-04", token: Counselor("wl-dewi", "wl-bekasi"));
        var items = worklist.GetProperty("items").EnumerateArray()
            .Select(i => (CaseId: i.GetProperty("caseId").GetGuid(), Kind: i.GetProperty("kind").GetString(), DueOn: i.GetProperty("dueOn").GetString(), Overdue: i.GetProperty("overdue").GetBoolean()))
            .ToList();

        items.Should().Contain((placed.Id, "placementFollowUp", "2027-08-04", false));
        // Before the period, each overdue item comes first: the follow-up set for 14 May, then 30 days without contact.
        api.MoveTo(new DateOnly(2027, 8, 4));
        worklist = await api.GetAsync("/counselors/wl-dewi/worklist?from=2027-08-04&to=2027-08-04", token: Counselor("wl-dewi", "wl-bekasi"));
        worklist.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("dueOn").GetString(), i.GetProperty("overdue").GetBoolean()))
            .Should().Equal(("followUp", "2027-05-14", true), ("noContact", "2027-06-03", true), ("placementFollowUp", "2027-08-04", false));
        worklist.GetProperty("overdue").GetInt32().Should().Be(2);
        worklist.GetProperty("due").GetInt32().Should().Be(1);

        // Once followed up (still employed), the placement leaves the worklist and its retention check six months after
        // the start takes its place.
        await placed.FollowUpAsync();
        await api.WaitForProjectionsAsync();
        worklist = await api.GetAsync("/counselors/wl-dewi/worklist?from=2027-08-05&to=2027-11-04", token: Counselor("wl-dewi", "wl-bekasi"));
        worklist.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("caseId").GetGuid() == placed.Id)
            .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("dueOn").GetString()))
            .Should().Equal(("retentionCheck", "2027-11-04"));
    }

    [Fact]
    public async Task A_plan_revised_twice_is_approved_by_the_supervisor_never_by_its_author()
    {
        await api.AddOfficeAsync("pl-bekasi", ("pl-dewi", "Dewi"));
        api.MoveTo(May4);
        var steps = await CaseSteps.OpenAsync(api, "pl-bekasi", "pl-dewi", "3216061505902001");
        var dewi = Counselor("pl-dewi", "pl-bekasi");

        await PostAsync(steps.Id, "employment-plan", Plan("7223", "Ikut pelatihan las di BLK Bekasi"), dewi, 200);
        await PostAsync(steps.Id, "employment-plan", Plan("7212", "Daftar uji kompetensi las"), dewi, 200);
        await PostAsync(steps.Id, "employment-plan", Plan("7212", "Lamar ke tiga bengkel las"), dewi, 200);

        // A counselor has no approving role at all; a stale version is refused; the supervisor approves version 3.
        await PostAsync(steps.Id, "employment-plan/approval", new { version = 3 }, dewi, 403);
        (await PostAsync(steps.Id, "employment-plan/approval", new { version = 2 }, Supervisor("pl-bekasi"), 409))
            .GetProperty("detail").GetString().Should().Contain("version 3");
        await PostAsync(steps.Id, "employment-plan/approval", new { version = 3 }, Supervisor("pl-bekasi"), 200);
        await PostAsync(steps.Id, "employment-plan/approval", new { version = 3 }, Supervisor("pl-bekasi"), 409);

        var history = await api.GetAsync($"/cases/{steps.Id}/history", token: dewi);
        history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("what").GetString()).Where(w => w!.Contains("plan"))
            .Should().Equal(
                "Employment plan drafted by pl-dewi on 2027-05-04: 1 goal(s), 1 action(s).",
                "Employment plan revised by pl-dewi on 2027-05-04 (version 2): 1 goal(s), 1 action(s).",
                "Employment plan revised by pl-dewi on 2027-05-04 (version 3): 1 goal(s), 1 action(s).",
                "Employment plan version 3 approved by pl-bekasi-supervisor on 2027-05-04.");
    }

    [Fact]
    public async Task A_supervisor_who_wrote_a_plan_version_cannot_approve_it()
    {
        await api.AddOfficeAsync("pa-bekasi", ("pa-dewi", "Dewi"));
        api.MoveTo(May4);
        var steps = await CaseSteps.OpenAsync(api, "pa-bekasi", "pa-dewi", "3216061505902101");
        var supervisor = Supervisor("pa-bekasi");

        // Supervisors may write to their office's cases; the four-eyes rule still holds for them.
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Plan("7223", "Lamar kerja")).ToUrl($"/cases/{steps.Id}/employment-plan");
            s.WithBearerToken(supervisor);
            s.StatusCodeShouldBe(403); // the plan is the counselor's to write: the counselors' policy
        });
        await PostAsync(steps.Id, "employment-plan", Plan("7223", "Lamar kerja"), Counselor("pa-dewi", "pa-bekasi"), 200);
        // The same person registered as the office's supervisor too: her supervisor's token still cannot approve her plan.
        await using (var session = api.Store.LightweightSession())
        {
            session.Store(new Counseling.Api.ReferenceData.Supervisor("pa-dewi", "Dewi", "pa-bekasi"));
            await session.SaveChangesAsync();
        }
        await PostAsync(steps.Id, "employment-plan/approval", new { version = 1 }, api.TokenFor("pa-dewi", Role.Supervisor, "pa-bekasi"), 422);
    }

    [Fact]
    public async Task A_transfer_declined_then_accepted_moves_the_case_its_caseloads_and_its_access()
    {
        await api.AddOfficeAsync("tr-bekasi", ("tr-dewi", "Dewi"));
        await api.AddOfficeAsync("tr-palangka", ("tr-yohana", "Yohana"));
        api.MoveTo(May4);
        var steps = await CaseSteps.OpenAsync(api, "tr-bekasi", "tr-dewi", "3216061505903001");
        var origin = Supervisor("tr-bekasi");
        var destination = Supervisor("tr-palangka");

        (await PostAsync(steps.Id, "transfer", new { toOfficeId = "tr-bekasi", reason = "Pindah" }, origin, 422))
            .GetProperty("field").GetString().Should().Be("toOfficeId");
        await PostAsync(steps.Id, "transfer", new { toOfficeId = "tr-palangka", reason = "Pekerja pindah ke Palangka Raya." }, origin, 200);
        await PostAsync(steps.Id, "transfer", new { toOfficeId = "tr-palangka", reason = "Sekali lagi" }, origin, 409);
        // The origin does not answer its own request; the destination declines.
        await PostAsync(steps.Id, "transfer/acceptance", new { counselorId = "tr-yohana" }, origin, 403);
        await PostAsync(steps.Id, "transfer/decline", new { reason = "Kuota konselor penuh bulan ini." }, destination, 200);
        await api.WaitForProjectionsAsync();
        (await api.GetAsync("/counselors/tr-dewi/caseload", token: Counselor("tr-dewi", "tr-bekasi"))).GetProperty("openCases").GetInt32().Should().Be(1);

        await PostAsync(steps.Id, "transfer", new { toOfficeId = "tr-palangka", reason = "Pekerja pindah ke Palangka Raya." }, origin, 200);
        await PostAsync(steps.Id, "transfer/acceptance", new { counselorId = "tr-dewi" }, destination, 422); // not of the destination
        await PostAsync(steps.Id, "transfer/acceptance", new { counselorId = "tr-yohana" }, destination, 200);
        await api.WaitForProjectionsAsync();

        (await api.GetAsync("/counselors/tr-dewi/caseload", token: Counselor("tr-dewi", "tr-bekasi"))).GetProperty("openCases").GetInt32().Should().Be(0);
        (await api.GetAsync("/counselors/tr-yohana/caseload", token: Counselor("tr-yohana", "tr-palangka"))).GetProperty("openCases").GetInt32().Should().Be(1);
        (await api.GetAsync("/offices/tr-bekasi/dashboard", token: origin)).GetProperty("openCases").GetInt32().Should().Be(0);
        (await api.GetAsync("/offices/tr-palangka/dashboard", token: destination)).GetProperty("openCases").GetInt32().Should().Be(1);
        // The origin office no longer reads the worker; the destination does, and its counselor writes.
        await api.GetAsync($"/cases/{steps.Id}", 403, origin);
        await api.GetAsync($"/cases/{steps.Id}", 403, Counselor("tr-dewi", "tr-bekasi"));
        (await api.GetAsync($"/cases/{steps.Id}", token: destination)).GetProperty("officeId").GetString().Should().Be("tr-palangka");
        await PostAsync(steps.Id, "sessions", Requests.LogSession(api.Clock.GetUtcNow()), Counselor("tr-yohana", "tr-palangka"), 200);
    }

    [Fact]
    public async Task A_bulk_reassignment_moves_the_matching_cases_once_even_when_retried()
    {
        await api.AddOfficeAsync("br-bekasi", ("br-dewi", "Dewi"), ("br-rudi", "Rudi"));
        await api.AddOfficeAsync("br-jakarta", ("br-sari", "Sari"));
        api.MoveTo(May4);
        var first = await CaseSteps.OpenAsync(api, "br-bekasi", "br-dewi", "3216061505904001");
        var second = await CaseSteps.OpenAsync(api, "br-bekasi", "br-dewi", "3216061505904002");
        await second.AssessAsync("readyForWork");
        var closed = await CaseSteps.OpenAsync(api, "br-bekasi", "br-dewi", "3216061505904003");
        await closed.CloseAsync("withdrew");
        var supervisor = Supervisor("br-bekasi");
        var body = new { fromCounselorId = "br-dewi", toCounselorId = "br-rudi", reason = "Sertifikat br-dewi habis masa berlakunya." };

        var key = $"bulk-br-{Guid.NewGuid()}";
        var answers = new List<JsonElement>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var result = await api.Host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl("/offices/br-bekasi/reassignments");
                s.WithBearerToken(supervisor);
                s.WithRequestHeader("Idempotency-Key", key);
                s.StatusCodeShouldBe(200);
            });
            answers.Add(JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone());
        }

        answers[0].GetProperty("moved").GetInt32().Should().Be(2);
        answers[0].GetProperty("caseIds").EnumerateArray().Select(c => c.GetGuid()).Should().BeEquivalentTo([first.Id, second.Id]);
        answers[1].GetRawText().Should().Be(answers[0].GetRawText());
        await using (var session = api.Store.QuerySession())
        {
            var reassigned = await session.Events.QueryAllRawEvents()
                .Where(e => e.EventTypeName == "case_reassigned" && (e.StreamId == first.Id || e.StreamId == second.Id)).ToListAsync();
            reassigned.Select(e => e.StreamId).Should().BeEquivalentTo([first.Id, second.Id]);
        }
        await api.WaitForProjectionsAsync();
        (await api.GetAsync("/counselors/br-rudi/caseload", token: supervisor)).GetProperty("openCases").GetInt32().Should().Be(2);

        // Another office's counselor, another office's supervisor, and a stage that matches nothing.
        await PostBulkAsync("br-bekasi", new { fromCounselorId = "br-rudi", toCounselorId = "br-sari", reason = "x" }, supervisor, 422);
        await PostBulkAsync("br-bekasi", body, Supervisor("br-jakarta"), 403);
        (await PostBulkAsync("br-bekasi", new { fromCounselorId = "br-rudi", toCounselorId = "br-dewi", stage = "training", reason = "x" }, supervisor, 200))
            .GetProperty("moved").GetInt32().Should().Be(0);
        await PostBulkAsync("br-bekasi", new { fromCounselorId = "br-rudi", toCounselorId = "br-rudi", reason = "x" }, supervisor, 400);
    }

    [Fact]
    public async Task A_correction_shows_in_the_case_view_and_history_keeps_both()
    {
        await api.AddOfficeAsync("co-bekasi", ("co-dewi", "Dewi"));
        api.MoveTo(May4);
        var steps = await CaseSteps.OpenAsync(api, "co-bekasi", "co-dewi", "3216061505905001");
        var dewi = Counselor("co-dewi", "co-bekasi");
        var session = await PostAsync(steps.Id, "sessions", Requests.LogSession(api.Clock.GetUtcNow().AddHours(-1)), dewi, 200);
        var caseView = await api.GetAsync($"/cases/{steps.Id}", token: dewi);
        var sessionId = caseView.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        var referralId = await steps.ReferToJobAsync();

        await PostAsync(steps.Id, "corrections", new { target = "session", sessionId, durationMinutes = 75, reason = "Salah ketik: 75 menit, bukan 45." }, dewi, 200);
        await PostAsync(steps.Id, "corrections", new { target = "jobReferral", referralId, employer = "PT Astra Honda Motor", reason = "Nama perusahaan keliru." }, dewi, 200);
        await PostAsync(steps.Id, "corrections", new { target = "workerPhone", phone = "081298765432", reason = "Nomor baru pekerja." }, dewi, 200);
        (await PostAsync(steps.Id, "corrections", new { target = "session", sessionId = Guid.NewGuid(), durationMinutes = 30, reason = "x" }, dewi, 404))
            .GetProperty("field").GetString().Should().Be("sessionId");
        await PostAsync(steps.Id, "corrections", new { target = "session", sessionId, durationMinutes = 75, reason = "lagi" }, dewi, 409);

        caseView = await api.GetAsync($"/cases/{steps.Id}", token: dewi);
        caseView.GetProperty("sessions")[0].GetProperty("durationMinutes").GetInt32().Should().Be(75);
        caseView.GetProperty("jobReferrals")[0].GetProperty("employer").GetString().Should().Be("PT Astra Honda Motor");
        caseView.GetProperty("worker").GetProperty("phone").GetString().Should().Be("081298765432");
        var what = (await api.GetAsync($"/cases/{steps.Id}/history", token: dewi)).GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("what").GetString()!).ToList();
        what.Should().Contain(w => w.Contains("45 min")).And.Contain(w => w.Contains($"Session {sessionId} corrected") && w.Contains("75 min"));
        what.Should().Contain(w => w.Contains("PT Astra Otoparts")).And.Contain(w => w.Contains("the employer is PT Astra Honda Motor"));
    }

    private static object Plan(string occupation, string action) => new
    {
        goals = new[] { new { occupation, targetDate = "2027-10-31" } },
        actions = new[] { new { what = action, who = "worker", dueOn = "2027-05-31" } },
    };

    private async Task<JsonElement> PostAsync(Guid caseId, string path, object body, string token, int status)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/cases/{caseId}/{path}");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });
        var text = await result.ReadAsTextAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> PostBulkAsync(string office, object body, string token, int status)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/offices/{office}/reassignments");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}
