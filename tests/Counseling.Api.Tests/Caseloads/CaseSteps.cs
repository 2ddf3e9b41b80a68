using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Caseloads;

/// <summary>
/// One worker's case driven over HTTP, every date taken from the fixture's clock. Each step is taken by the
/// counselor who holds the case; a reassignment by the office's supervisor.
/// </summary>
public sealed class CaseSteps(CaseloadFixture api, Guid caseId, string officeId, string counselorId)
{
    private string _counselorId = counselorId;
    private string _officeId = officeId;

    public Guid Id { get; } = caseId;

    private string Today => api.Today.ToString("yyyy-MM-dd");

    public static async Task<CaseSteps> OpenAsync(
        CaseloadFixture api, string officeId, string counselorId, string nik, string terminationReason = "efficiency")
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(officeId, counselorId, nik, terminationReason, terminationDate: api.Today.AddDays(-10).ToString("yyyy-MM-dd"))).ToUrl("/cases");
            s.WithBearerToken(api.TokenFor(counselorId, Role.Counselor, officeId));
            s.StatusCodeShouldBe(201);
        });
        return new CaseSteps(api, (await result.ReadAsJsonAsync<Versioned>()).Id, officeId, counselorId);
    }

    public Task SessionAsync(int? followUpInDays = null) => PostAsync("sessions",
        Requests.LogSession(api.Clock.GetUtcNow(), followUpInDays is { } days ? api.Today.AddDays(days).ToString("yyyy-MM-dd") : null));

    public Task AssessAsync(string readiness) => PostAsync("assessments", new
    {
        assessedOn = Today,
        educationLevel = "vocationalHighSchool",
        skills = new[] { "mesin bubut" },
        interests = new[] { "manufaktur" },
        workPreferences = "Cikarang, shift pagi",
        recommendedOccupations = new[] { "7223" },
        readiness,
    });

    public async Task<Guid> ReferToJobAsync() => (await PostAsync("job-referrals", new
    {
        vacancyReference = "WI-2027-0042", employer = "PT Astra Otoparts", position = "Operator Produksi", referredOn = Today,
    })).GetProperty("referralId").GetGuid();

    public Task JobOutcomeAsync(Guid referralId, string outcome) =>
        PostAsync($"job-referrals/{referralId}/outcome", new { outcome, on = Today });

    public async Task<Guid> ReferToTrainingAsync(string kind) => (await PostAsync("training-referrals", new
    {
        provider = "BLK Bekasi", programme = kind == "competencyTest" ? "Uji Kompetensi Operator Las" : "Pengelasan SMAW", kind, startsOn = Today,
    })).GetProperty("referralId").GetGuid();

    public Task TrainingOutcomeAsync(Guid referralId, string outcome) =>
        PostAsync($"training-referrals/{referralId}/outcome", new { outcome, on = Today });

    public Task PlaceAsync(Guid? jobReferralId = null, DateOnly? startsOn = null, long monthlyWage = 5_300_000) => PostAsync("placements", new
    {
        employer = "PT Astra Otoparts", position = "Operator Produksi", startsOn = startsOn?.ToString("yyyy-MM-dd") ?? Today, monthlyWage,
        contractType = "fixedTerm", jobReferralId,
    });

    public Task FollowUpPlacementAsync(bool stillEmployed) =>
        PostAsync("placement-follow-up", new { on = Today, stillEmployed, notes = "Dihubungi lewat telepon." });

    public Task SelfEmployAsync() => PostAsync("self-employment", new { businessType = "Warung makan", startsOn = Today });

    public Task FollowUpAsync() => PostAsync("placement-follow-up", new { on = Today, stillEmployed = true, notes = "Masih bekerja." });

    public Task CommitToJobSearchAsync() => PostAsync("job-search-commitment", new { committedOn = Today });

    /// <summary>Job-search evidence dated <paramref name="on"/> (recorded today): an application or an interview call at an employer.</summary>
    public Task JobSearchActivityAsync(string kind, DateOnly on) =>
        PostAsync("job-search-activities", new { kind, on = on.ToString("yyyy-MM-dd"), employer = "PT Astra Otoparts" });

    public Task TrainingAttendanceAsync(DateOnly on, int attendancePercent) =>
        PostAsync("job-search-activities", new { kind = "trainingAttendance", on = on.ToString("yyyy-MM-dd"), programme = "Pengelasan SMAW", attendancePercent });

    public Task CloseAsync(string reason) => PostAsync("closure", new { reason, notes = "Kasus ditutup." });

    public Task ReopenAsync() => PostAsync("reopening", new { reason = "Pekerja datang kembali." });

    public async Task ReassignAsync(string toCounselorId)
    {
        await PostAsync("reassignment", new { counselorId = toCounselorId, reason = "Pembagian beban kerja." },
            api.TokenFor($"{_officeId}-supervisor", Role.Supervisor, _officeId));
        _counselorId = toCounselorId;
    }

    /// <summary>A transfer asked by this office's supervisor and accepted by the destination's, for one of its counselors.</summary>
    public async Task TransferAsync(string toOfficeId, string toCounselorId)
    {
        await PostAsync("transfer", new { toOfficeId, reason = "Pekerja pindah domisili." },
            api.TokenFor($"{_officeId}-supervisor", Role.Supervisor, _officeId));
        await PostAsync("transfer/acceptance", new { counselorId = toCounselorId },
            api.TokenFor($"{toOfficeId}-supervisor", Role.Supervisor, toOfficeId));
        _officeId = toOfficeId;
        _counselorId = toCounselorId;
    }

    private async Task<JsonElement> PostAsync(string path, object body, string? token = null)
    {
        token ??= api.TokenFor(_counselorId, Role.Counselor, _officeId);
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/cases/{Id}/{path}");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(200);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }
}
