using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Resilience;

/// <summary>
/// Malformed and hostile requests against every write endpoint: each is a 4xx problem and writes nothing.
/// Text that is accepted, however odd, is stored and given back exactly as sent.
/// </summary>
[Collection(ApiCollection.Name)]
public class HostileInputTests(ApiFixture api)
{
    private const string Hostile =
        "Robert'); DROP TABLE counseling.mt_events;-- <script>alert('x')</script> {{7*7}} ${jndi:ldap://x} " +
        "Ünïcödé Ñandú 日本語 العربية हिन्दी 👷🏽‍♀️ zero\u200bwidth \"quoted\" back\\slash";

    private sealed record Endpoint(string Method, string Path, Role Role, string? Office, JsonObject Body);

    private static JsonObject Json(object body) => JsonSerializer.SerializeToNode(body)!.AsObject();

    private static Dictionary<string, Endpoint> Endpoints()
    {
        var today = Journey.Today;
        return new()
        {
            ["intake"] = new("POST", "/cases", Role.Counselor, "bekasi", Json(Requests.OpenCase())),
            ["session"] = new("POST", "/sessions", Role.Counselor, "bekasi", Json(Requests.LogSession(DateTimeOffset.UtcNow))),
            ["assessment"] = new("POST", "/assessments", Role.Counselor, "bekasi", Json(new
            {
                assessedOn = today, educationLevel = "bachelor", skills = new[] { "penjualan" }, interests = new[] { "otomotif" },
                workPreferences = "Jakarta", recommendedOccupations = new[] { "3322" }, readiness = "readyForWork",
            })),
            ["job-referral"] = new("POST", "/job-referrals", Role.Counselor, "bekasi", Json(new
            {
                vacancyReference = "WI-2022-308", employer = "PT Astrido Jaya Mobilindo", position = "Sales Executive", referredOn = today,
            })),
            ["job-outcome"] = new("POST", $"/job-referrals/{Guid.NewGuid()}/outcome", Role.Counselor, "bekasi", Json(new { outcome = "hired", on = today })),
            ["training-referral"] = new("POST", "/training-referrals", Role.Counselor, "bekasi", Json(new
            {
                provider = "BLK Kota Pekalongan", programme = "Barbershop", kind = "course", startsOn = today,
            })),
            ["training-outcome"] = new("POST", $"/training-referrals/{Guid.NewGuid()}/outcome", Role.Counselor, "bekasi", Json(new { outcome = "started", on = today })),
            ["placement"] = new("POST", "/placements", Role.Counselor, "bekasi", Json(new
            {
                employer = "PT Astrido Jaya Mobilindo", position = "Sales Executive", startsOn = today, monthlyWage = 5_100_000, contractType = "fixedTerm",
            })),
            ["placement-follow-up"] = new("POST", "/placement-follow-up", Role.Counselor, "bekasi", Json(new { on = today, stillEmployed = true, notes = "Masih bekerja." })),
            ["self-employment"] = new("POST", "/self-employment", Role.Counselor, "bekasi", Json(new { businessType = "Barbershop", startsOn = today })),
            ["closure"] = new("POST", "/closure", Role.Counselor, "bekasi", Json(new { reason = "withdrew", notes = "Pindah kota." })),
            ["reopening"] = new("POST", "/reopening", Role.Counselor, "bekasi", Json(new { reason = "Kembali." })),
            ["reassignment"] = new("POST", "/reassignment", Role.Supervisor, "bekasi", Json(new { counselorId = "c-006", reason = "Cuti." })),
            ["erasure"] = new("POST", "/personal-data-erasure", Role.Supervisor, "bekasi", Json(new { requestReference = "PDP-1" })),
            ["counselor-registration"] = new("PUT", "/counselors/c-150", Role.Admin, null, Json(new
            {
                fullName = "Uji", officeId = "bekasi", certificate = new { number = "AK-1", issuedOn = "2025-01-01", expiresOn = "2030-01-01" },
            })),
            // Shaped like a checkpoint (not a genuine one: only refusals are sent here).
            ["verify-against-checkpoint"] = new("POST", "/audit/verify", Role.Auditor, null, Json(new
            {
                sequence = 42, head = new string('a', 64), issuedAt = "2026-11-23T02:00:00.000000Z", keyId = "0123456789abcdef",
                signature = "MEUCIQDxxx",
            })),
        };
    }

    public static TheoryData<string> EndpointNames() => new(Endpoints().Keys);

    private async Task<(int Status, string Body)> SendAsync(string endpointName, Func<JsonObject, string> body, string contentType = "application/json")
    {
        var endpoint = Endpoints()[endpointName];
        var caseId = await api.Host.OpenCaseAsync();
        var url = endpoint.Path.StartsWith("/cases") || endpoint.Path.StartsWith("/counselors") || endpoint.Path.StartsWith("/audit")
            ? endpoint.Path : $"/cases/{caseId}{endpoint.Path}";
        var user = endpoint.Role switch { Role.Supervisor => "s-001", Role.Admin => "adm-001", Role.Auditor => "a-001", _ => "c-001" };
        var result = await api.Host.Scenario(s =>
        {
            if (endpoint.Method == "PUT") s.Put.Text(body(endpoint.Body.DeepClone().AsObject())).ToUrl(url);
            else s.Post.Text(body(endpoint.Body.DeepClone().AsObject())).ToUrl(url);
            s.WithRequestHeader("Content-Type", contentType);
            s.WithBearerToken(api.TokenFor(user, endpoint.Role, endpoint.Office));
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private async Task RefusedAsync(string endpoint, Func<JsonObject, string> body, int expected = 400)
    {
        var before = await api.EventCountAsync() + 1; // SendAsync opens one case first
        var (status, text) = await SendAsync(endpoint, body);
        status.Should().Be(expected, text);
        text.Should().Contain("\"status\":" + expected);
        (await api.EventCountAsync()).Should().Be(before);
    }

    private static IEnumerable<string> Leaves(JsonObject body, string prefix = "") =>
        body.SelectMany(p => p.Value is JsonObject inner ? Leaves(inner, $"{prefix}{p.Key}.") : [$"{prefix}{p.Key}"]);

    private static JsonObject With(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = parts[..^1].Aggregate(body, (node, key) => node[key]!.AsObject());
        target[parts[^1]] = value;
        return body;
    }

    [Theory, MemberData(nameof(EndpointNames))]
    public Task Broken_json_is_refused(string endpoint) => RefusedAsync(endpoint, b => b.ToJsonString()[..^3]);

    [Theory, MemberData(nameof(EndpointNames))]
    public Task An_empty_body_is_refused(string endpoint) => RefusedAsync(endpoint, _ => "{}");

    [Theory, MemberData(nameof(EndpointNames))]
    public async Task Every_field_of_the_wrong_type_is_refused(string endpoint)
    {
        foreach (var field in Leaves(Endpoints()[endpoint].Body))
            await RefusedAsync(endpoint, b => With(b, field, new JsonObject { ["unexpected"] = true }).ToJsonString());
    }

    [Theory, MemberData(nameof(EndpointNames))]
    public async Task Every_text_field_far_too_long_is_refused(string endpoint)
    {
        var body = Endpoints()[endpoint].Body;
        foreach (var field in Leaves(body).Where(f => IsFreeText(body, f)))
            await RefusedAsync(endpoint, b => With(b, field, new string('x', 5000)).ToJsonString());
    }

    /// <summary>A string field that is neither a date nor the name of an enum value ("readyForWork").</summary>
    private static bool IsFreeText(JsonObject body, string path)
    {
        var node = path.Split('.').Aggregate((JsonNode?)body, (n, key) => n?[key]);
        return node is JsonValue value && value.TryGetValue<string>(out var text) &&
               !DateTimeOffset.TryParse(text, out _) && !Regex.IsMatch(text, "^[a-z]+([A-Z][a-z]+)*$");
    }

    [Theory, MemberData(nameof(EndpointNames))]
    public Task A_body_over_the_size_limit_is_413(string endpoint) =>
        RefusedAsync(endpoint, b => With(b, Leaves(b).First(), new string('x', 70_000)).ToJsonString(), 413);

    [Theory]
    [InlineData("intake", "worker.nik", "32160615O5900001")]
    [InlineData("intake", "worker.nik", "3216061505")]
    [InlineData("intake", "employment.lastMonthlyWage", -1)]
    [InlineData("intake", "contributionMonths", -3)]
    [InlineData("intake", "worker.birthDate", "1990-02-30")]
    [InlineData("intake", "employment.terminationReason", "dipecat")]
    [InlineData("session", "durationMinutes", -45)]
    [InlineData("session", "heldAt", "2099-01-01T09:00:00+07:00")]
    [InlineData("session", "mode", "telepati")]
    [InlineData("placement", "monthlyWage", -5_100_000)]
    [InlineData("placement", "startsOn", "2026-13-01")]
    [InlineData("job-referral", "referredOn", "2099-12-31")]
    [InlineData("training-referral", "kind", "sulap")]
    [InlineData("closure", "reason", "bosan")]
    public Task Invalid_values_are_refused(string endpoint, string field, object value) =>
        RefusedAsync(endpoint, b => With(b, field, JsonSerializer.SerializeToNode(value)).ToJsonString());

    [Fact]
    public async Task Hostile_and_mixed_script_text_is_stored_and_returned_verbatim()
    {
        var journey = await Journey.OpenAsync(api);
        var session = JsonSerializer.SerializeToNode(Requests.LogSession(DateTimeOffset.UtcNow))!.AsObject();
        session["notes"] = Hostile;
        await journey.PostAsync("sessions", session, 200);
        await journey.PostAsync("closure", new { reason = "other", notes = Hostile }, 200);
        await journey.PostAsync("reopening", new { reason = Hostile }, 200);

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{journey.CaseId}/events");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
        });
        var data = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("data")).ToList();

        data[1].GetProperty("notes").GetString().Should().Be(Hostile);
        data[2].GetProperty("notes").GetString().Should().Be(Hostile);
        data[3].GetProperty("reason").GetString().Should().Be(Hostile);
    }
}
