using System.Text.Json;
using Alba;
using Counseling.Api.Access;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// One worker's case driven over HTTP, step by step, as a counselor's client would: by default as the fixture's
/// counselor (c-001, Bekasi), or as whoever <see cref="As"/> names. Reassignment is done by the Bekasi supervisor.
/// Dates come from the fixture's pinned clock; each step moves it one second on, so a journey's events have
/// distinct, ordered timestamps (a case as of a moment between two steps is well defined).
/// </summary>
public sealed class Journey(ApiFixture api, Guid caseId, string? token = null)
{
    private readonly IAlbaHost host = api.Host;

    public Guid CaseId { get; } = caseId;

    public Journey As(string actorToken) => new(api, CaseId, actorToken);

    /// <summary>The fixture's day in WIB, as request bodies spell dates.</summary>
    public string Today => api.Today.ToString("yyyy-MM-dd");

    public static async Task<Journey> OpenAsync(ApiFixture api, object? intake = null) =>
        new(api, await api.Host.OpenCaseAsync(intake));

    public Task<JsonElement> LogSessionAsync(int status = 200) =>
        PostAsync("sessions", Requests.LogSession(api.Now), status);

    public Task<JsonElement> AssessAsync(string readiness, int status = 200) => PostAsync("assessments", new
    {
        assessedOn = Today,
        educationLevel = "vocationalHighSchool",
        skills = new[] { "mesin bubut", "alat ukur" },
        interests = new[] { "manufaktur" },
        workPreferences = "Kabupaten Bekasi, shift pagi",
        recommendedOccupations = new[] { "7223", "8142" },
        readiness,
    }, status);

    public async Task<Guid> ReferToJobAsync(string employer = "PT Astra Otoparts", int status = 200) =>
        (await PostAsync("job-referrals", new
        {
            vacancyReference = "WI-2026-0308",
            employer,
            position = "Operator Produksi",
            referredOn = Today,
        }, status)).GetProperty("referralId").GetGuid();

    public Task<JsonElement> JobOutcomeAsync(Guid referralId, string outcome, int status = 200) =>
        PostAsync($"job-referrals/{referralId}/outcome", new { outcome, on = Today }, status);

    public async Task<Guid> ReferToTrainingAsync(string kind = "course", string programme = "Operator Mesin Bubut", int status = 200) =>
        (await PostAsync("training-referrals", new
        {
            provider = "BLK Kota Pekalongan",
            programme,
            kind,
            startsOn = Today,
        }, status)).GetProperty("referralId").GetGuid();

    public Task<JsonElement> TrainingOutcomeAsync(Guid referralId, string outcome, int status = 200) =>
        PostAsync($"training-referrals/{referralId}/outcome", new { outcome, on = Today }, status);

    public Task<JsonElement> PlaceAsync(Guid? jobReferralId = null, long monthlyWage = 5_300_000, int status = 200) =>
        PostAsync("placements", new
        {
            employer = "PT Astra Otoparts",
            position = "Operator Produksi",
            startsOn = Today,
            monthlyWage,
            contractType = "fixedTerm",
            jobReferralId,
        }, status);

    public Task<JsonElement> StartSelfEmploymentAsync(int status = 200) =>
        PostAsync("self-employment", new { businessType = "Barbershop", startsOn = Today }, status);

    public Task<JsonElement> FollowUpPlacementAsync(int status = 200) =>
        PostAsync("placement-follow-up", new { on = Today, stillEmployed = true, notes = "Masih bekerja." }, status);

    public Task<JsonElement> CloseAsync(string reason, int status = 200) =>
        PostAsync("closure", new { reason, notes = "Penutupan kasus." }, status);

    public Task<JsonElement> ReopenAsync(int status = 200) =>
        PostAsync("reopening", new { reason = "Pekerja menghubungi kembali kantor." }, status);

    public Task<JsonElement> ReassignAsync(string counselorId, int status = 200) =>
        As(api.TokenFor("s-001", Role.Supervisor, "bekasi"))
            .PostAsync("reassignment", new { counselorId, reason = "Pembagian beban kerja." }, status);

    /// <summary>Reassigns the case and goes on as its new counselor.</summary>
    public async Task<Journey> HandOverAsync(string counselorId, string officeId = "bekasi")
    {
        await ReassignAsync(counselorId);
        return As(api.TokenFor(counselorId, Role.Counselor, officeId));
    }

    public async Task<JsonElement> ReadAsync()
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/cases/{CaseId}");
            if (token is not null) s.WithBearerToken(token);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }

    public async Task<string> StageAsync() => (await ReadAsync()).GetProperty("stage").GetString()!;

    public async Task<JsonElement> PostAsync(string path, object body, int status)
    {
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl($"/cases/{CaseId}/{path}");
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
    }
}
