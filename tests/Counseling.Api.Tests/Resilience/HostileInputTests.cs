using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Xunit.Sdk;
using Marten;

namespace Counseling.Api.Tests.Resilience;

/// <summary>
/// Malformed and hostile requests against every route the service answers: each is a problem (400 naming the
/// field, 404 for a path naming nothing, 413 for a body over the limit) and writes nothing. Text that is accepted,
/// however odd, is stored and given back exactly as sent. The table is checked against the routes the running
/// service serves: a route without a row fails the suite by name.
/// </summary>
[Collection(ApiCollection.Name)]
public class HostileInputTests(ApiFixture api)
{
    private const string Hostile =
        "Robert'); DROP TABLE counseling.mt_events;-- <script>alert('x')</script> {{7*7}} ${jndi:ldap://x} " +
        "Ünïcödé Ñandú 日本語 العربية हिन्दी 👷🏽‍♀️ zero\u200bwidth \"quoted\" back\\slash";

    /// <summary>
    /// A route and how it is called: <see cref="Url"/> (with {case} for a case opened first) as <see cref="Role"/>
    /// of <see cref="Office"/>. What each route must refuse: for a body, <see cref="Body"/> is one it accepts (every
    /// field of it is then broken in turn) and <see cref="RequiredFields"/> exactly the fields an empty body is
    /// refused for; <see cref="BadQueries"/> are query strings refused with 400 naming the field; <see cref="BadPaths"/>
    /// are URLs whose path values are refused with the status given (and, for a 400, the field named).
    /// <see cref="IgnoredQuery"/> is for a route that takes no input at all: it must ignore a query it does not know.
    /// </summary>
    public sealed record Target(string Route, string Url, Role Role, string? Office)
    {
        public JsonObject? Body { get; init; }
        public string[] RequiredFields { get; init; } = [];
        public (string Query, string Field)[] BadQueries { get; init; } = [];
        public (string Url, int Status, string? Field)[] BadPaths { get; init; } = [];
        public string? IgnoredQuery { get; init; }

        public bool DeclaresHostileInput => Body is not null || BadQueries.Length > 0 || BadPaths.Length > 0 || IgnoredQuery is not null;
    }

    private static JsonObject Json(object body) => JsonSerializer.SerializeToNode(body)!.AsObject();

    private const string NotACase = "/cases/not-a-case-id";
    private const string HostileId = "%3Cscript%3Ealert(1)%3B--";

    /// <summary>The table, one row per route. Dates derive from the fixture's pinned clock.</summary>
    public static IReadOnlyDictionary<string, Target> Table(DateOnly today, DateTimeOffset now)
    {
        var day = today.ToString("yyyy-MM-dd");
        Target[] rows =
        [
            new("POST /cases", "/cases", Role.Counselor, "bekasi")
            {
                Body = Json(Requests.OpenCase()),
                RequiredFields = ["officeId", "counselorId", "worker", "employment", "jkpClaimReference", "contributionMonths", "contributionHistory", "participation"],
            },
            new("GET /cases/{id}", "/cases/{case}", Role.Auditor, null)
            {
                BadQueries = [("version=0", "version"), ("version=abc", "version"), ("asOf=yesterday", "asOf")],
                BadPaths = [(NotACase, 404, null)],
            },
            new("GET /cases/{id}/events", "/cases/{case}/events", Role.Auditor, null) { BadPaths = [(NotACase + "/events", 404, null)] },
            new("GET /cases/{id}/history", "/cases/{case}/history", Role.Auditor, null) { BadPaths = [(NotACase + "/history", 404, null)] },
            new("POST /cases/{id}/sessions", "/cases/{case}/sessions", Role.Counselor, "bekasi")
            {
                Body = Json(Requests.LogSession(now)),
                RequiredFields = ["heldAt", "mode", "durationMinutes", "topics"],
                BadPaths = [(NotACase + "/sessions", 404, null)],
            },
            new("POST /cases/{id}/assessments", "/cases/{case}/assessments", Role.Counselor, "bekasi")
            {
                Body = Json(new
                {
                    assessedOn = day, educationLevel = "bachelor", skills = new[] { "penjualan" }, interests = new[] { "otomotif" },
                    workPreferences = "Jakarta", recommendedOccupations = new[] { "3322" }, readiness = "readyForWork",
                }),
                RequiredFields = ["assessedOn", "educationLevel", "readiness"],
            },
            new("POST /cases/{id}/job-referrals", "/cases/{case}/job-referrals", Role.Counselor, "bekasi")
            {
                Body = Json(new { vacancyReference = "WI-2022-308", employer = "PT Astrido Jaya Mobilindo", position = "Sales Executive", referredOn = day }),
                RequiredFields = ["vacancyReference", "employer", "position", "referredOn"],
            },
            new("POST /cases/{id}/job-referrals/{referralId}/outcome", $"/cases/{{case}}/job-referrals/{Guid.NewGuid()}/outcome", Role.Counselor, "bekasi")
            {
                Body = Json(new { outcome = "hired", on = day }),
                RequiredFields = ["outcome", "on"],
                BadPaths = [($"{NotACase}/job-referrals/{Guid.NewGuid()}/outcome", 404, null), ("/cases/{case}/job-referrals/not-a-referral/outcome", 404, null)],
            },
            new("POST /cases/{id}/training-referrals", "/cases/{case}/training-referrals", Role.Counselor, "bekasi")
            {
                Body = Json(new { provider = "BLK Kota Pekalongan", programme = "Barbershop", kind = "course", startsOn = day }),
                RequiredFields = ["provider", "programme", "kind", "startsOn"],
            },
            new("POST /cases/{id}/training-referrals/{referralId}/outcome", $"/cases/{{case}}/training-referrals/{Guid.NewGuid()}/outcome", Role.Counselor, "bekasi")
            {
                Body = Json(new { outcome = "started", on = day }),
                RequiredFields = ["outcome", "on"],
                BadPaths = [("/cases/{case}/training-referrals/not-a-referral/outcome", 404, null)],
            },
            new("POST /cases/{id}/placements", "/cases/{case}/placements", Role.Counselor, "bekasi")
            {
                Body = Json(new { employer = "PT Astrido Jaya Mobilindo", position = "Sales Executive", startsOn = day, monthlyWage = 5_100_000, contractType = "fixedTerm" }),
                RequiredFields = ["employer", "position", "startsOn", "monthlyWage", "contractType"],
            },
            new("POST /cases/{id}/placement-follow-up", "/cases/{case}/placement-follow-up", Role.Counselor, "bekasi")
            {
                Body = Json(new { on = day, stillEmployed = true, notes = "Masih bekerja." }),
                RequiredFields = ["on", "stillEmployed"],
            },
            new("POST /cases/{id}/self-employment", "/cases/{case}/self-employment", Role.Counselor, "bekasi")
            {
                Body = Json(new { businessType = "Barbershop", startsOn = day }),
                RequiredFields = ["businessType", "startsOn"],
            },
            new("POST /cases/{id}/closure", "/cases/{case}/closure", Role.Counselor, "bekasi")
            {
                Body = Json(new { reason = "withdrew", notes = "Pindah kota." }),
                RequiredFields = ["reason"],
            },
            new("POST /cases/{id}/reopening", "/cases/{case}/reopening", Role.Counselor, "bekasi")
            {
                Body = Json(new { reason = "Kembali." }),
                RequiredFields = ["reason"],
            },
            new("POST /cases/{id}/reassignment", "/cases/{case}/reassignment", Role.Supervisor, "bekasi")
            {
                Body = Json(new { counselorId = "c-006", reason = "Cuti." }),
                RequiredFields = ["counselorId", "reason"],
            },
            new("POST /cases/{id}/personal-data-erasure", "/cases/{case}/personal-data-erasure", Role.Supervisor, "bekasi")
            {
                Body = Json(new { requestReference = "PDP-1" }),
                RequiredFields = ["requestReference"],
                BadPaths = [(NotACase + "/personal-data-erasure", 404, null)],
            },
            new("POST /cases/{id}/personal-data-erasure/approval", "/cases/{case}/personal-data-erasure/approval", Role.Admin, null)
            {
                Body = Json(new { requestReference = "PDP-1" }),
                RequiredFields = ["requestReference"],
                BadPaths = [(NotACase + "/personal-data-erasure/approval", 404, null)],
            },
            new("PUT /administrators/{id}", "/administrators/adm-150", Role.Admin, null)
            {
                Body = Json(new { fullName = "Uji" }),
                RequiredFields = ["fullName"],
                BadPaths = [($"/administrators/{HostileId}", 400, "id"), ("/administrators/ADM-150", 400, "id")],
            },
            new("PUT /auditors/{id}", "/auditors/a-150", Role.Admin, null)
            {
                Body = Json(new { fullName = "Uji" }),
                RequiredFields = ["fullName"],
                BadPaths = [($"/auditors/{HostileId}", 400, "id")],
            },
            new("POST /deregistrations", "/deregistrations", Role.Admin, null)
            {
                Body = Json(new { role = "auditor", userId = "a-150", reason = "Pindah tugas" }),
                RequiredFields = ["role", "userId", "reason"],
            },
            new("PUT /counselors/{id}", "/counselors/c-150", Role.Admin, null)
            {
                Body = Json(new
                {
                    fullName = "Uji", officeId = "bekasi", certificate = new { number = "AK-1", issuedOn = "2025-01-01", expiresOn = "2030-01-01" },
                }),
                RequiredFields = ["fullName", "officeId", "certificate"],
                BadPaths = [($"/counselors/{HostileId}", 400, "id"), ("/counselors/C-150", 400, "id")],
            },
            new("PUT /supervisors/{id}", "/supervisors/s-150", Role.Admin, null)
            {
                Body = Json(new { fullName = "Uji", officeId = "bekasi" }),
                RequiredFields = ["fullName", "officeId"],
                BadPaths = [($"/supervisors/{HostileId}", 400, "id")],
            },
            new("GET /counselors/{id}/caseload", "/counselors/c-001/caseload", Role.Auditor, null)
            {
                BadQueries = [("pageSize=101", "pageSize"), ("page=0", "page"), ("stage=closed", "stage"), ("overdue=maybe", "overdue")],
                BadPaths = [($"/counselors/{HostileId}/caseload", 404, null)],
            },
            new("GET /counselors/{id}/follow-ups", "/counselors/c-001/follow-ups", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("from=2026-13-01", "from"), ("to=tomorrow", "to"),
                    ($"from={day}&to={today.AddDays(-1):yyyy-MM-dd}", "from"),
                    ($"from={day}&to={today.AddDays(92):yyyy-MM-dd}", "to"),
                ],
                BadPaths = [($"/counselors/{HostileId}/follow-ups", 404, null)],
            },
            new("GET /offices/{id}/dashboard", "/offices/bekasi/dashboard", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("from=2026-02-30", "from"), ("to=x", "to"),
                    ($"from={today.AddDays(-366):yyyy-MM-dd}&to={day}", "to"),
                ],
                BadPaths = [($"/offices/{HostileId}/dashboard", 404, null)],
            },
            new("GET /cases", "/cases", Role.Auditor, null)
            {
                BadQueries = [("nik=12345", "nik"), ("nik=32160615059000ab", "nik"), ($"nik={HostileId}", "nik")],
            },
            new("POST /cases/{id}/job-search-commitment", "/cases/{case}/job-search-commitment", Role.Counselor, "bekasi")
            {
                Body = Json(new { committedOn = day }),
                RequiredFields = ["committedOn"],
            },
            new("POST /cases/{id}/job-search-activities", "/cases/{case}/job-search-activities", Role.Counselor, "bekasi")
            {
                Body = Json(new { kind = "application", on = day, employer = "PT Astrido Jaya Mobilindo" }),
                RequiredFields = ["kind", "on"],
            },
            new("POST /cases/{id}/jkp/approval", "/cases/{case}/jkp/approval", Role.Counselor, "bekasi")
            {
                Body = Json(new { approvedOn = day }),
                RequiredFields = ["approvedOn"],
            },
            // An earlier claim is one made before this claim's PHK.
            new("POST /cases/{id}/jkp/earlier-claims", "/cases/{case}/jkp/earlier-claims", Role.Counselor, "bekasi")
            {
                Body = Json(new { claimedOn = today.AddYears(-6).ToString("yyyy-MM-dd") }),
                RequiredFields = ["claimedOn"],
            },
            new("GET /cases/{id}/benefit", "/cases/{case}/benefit", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("ruleSet=PP-99-2099", "ruleSet"), ($"ruleSet={HostileId}", "ruleSet"),
                    ("selfEmploymentEndsBenefit=maybe", "selfEmploymentEndsBenefit"),
                ],
                BadPaths = [(NotACase + "/benefit", 404, null)],
            },
            new("GET /offices/{id}/rule-impact", "/offices/bekasi/rule-impact", Role.Auditor, null)
            {
                BadQueries = [("ruleSet=PP-99-2099", "ruleSet"), ("ruleSet=PP-37-2021&selfEmploymentEndsBenefit=ya", "selfEmploymentEndsBenefit")],
                BadPaths = [($"/offices/{HostileId}/rule-impact?ruleSet=PP-37-2021", 404, null)],
            },
            new("GET /reports/outcomes", "/reports/outcomes", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("groupBy=district", "groupBy"), ("from=2027-13-01", "from"), ("to=31-03-2027", "to"),
                    ("from=2026-03-31&to=2026-03-01", "from"), ("asOf=%3Cscript%3E", "asOf"),
                ],
            },
            new("GET /offices/{id}/reports/monthly", "/offices/bekasi/reports/monthly", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("month=2026-13", "month"), ("month=2026-1", "month"), ("month=", "month"), ($"month={HostileId}", "month"),
                    ("month=0001-01", "month"),
                ],
                BadPaths = [($"/offices/{HostileId}/reports/monthly?month=2026-10", 404, null)],
            },
            // Shaped like a report (its checkpoint is not genuine: only refusals are sent here).
            new("POST /offices/{id}/reports/monthly/recompute", "/offices/bekasi/reports/monthly/recompute", Role.Auditor, null)
            {
                Body = Json(new
                {
                    checkpoint = new
                    {
                        sequence = 42, head = new string('a', 64), issuedAt = "2026-11-23T02:00:00.000000Z", keyId = "0123456789abcdef",
                        signature = "MEUCIQDxxx",
                    },
                    digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                    figures = new { officeId = "bekasi", reportMonth = "2026-10" },
                }),
                RequiredFields = ["checkpoint", "digest", "figures"],
                BadPaths = [($"/offices/{HostileId}/reports/monthly/recompute", 404, null)],
            },
            new("GET /audit/events", "/audit/events", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("limit=0", "limit"), ("limit=1001", "limit"), ("after=-1", "after"), ("from=yesterday", "from"), ("caseId=xyz", "caseId"),
                    ($"from={now:yyyy-MM-ddTHH:mm:ssZ}&to={now.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}", "from"),
                    ($"userId={new string('x', 201)}", "userId"),
                ],
            },
            new("GET /audit/checkpoint", "/audit/checkpoint", Role.Auditor, null) { IgnoredQuery = $"x={HostileId}" },
            new("GET /audit/checkpoint-keys", "/audit/checkpoint-keys", Role.Auditor, null) { IgnoredQuery = $"x={HostileId}" },
            // Shaped like a checkpoint (not a genuine one: only refusals are sent here).
            new("POST /audit/verify", "/audit/verify", Role.Auditor, null)
            {
                Body = Json(new
                {
                    sequence = 42, head = new string('a', 64), issuedAt = "2026-11-23T02:00:00.000000Z", keyId = "0123456789abcdef",
                    signature = "MEUCIQDxxx",
                }),
                RequiredFields = ["sequence", "head", "issuedAt", "keyId", "signature"],
            },
            new("POST /cases/{id}/employment-plan", "/cases/{case}/employment-plan", Role.Counselor, "bekasi")
            {
                Body = Json(new
                {
                    goals = new[] { new { occupation = "7223", targetDate = today.AddMonths(3).ToString("yyyy-MM-dd") } },
                    actions = new[] { new { what = "Ikut pelatihan las", who = "worker", dueOn = today.AddDays(14).ToString("yyyy-MM-dd") } },
                }),
                RequiredFields = ["goals", "actions"],
            },
            new("POST /cases/{id}/employment-plan/approval", "/cases/{case}/employment-plan/approval", Role.Supervisor, "bekasi")
            {
                Body = Json(new { version = 1 }),
                RequiredFields = ["version"],
            },
            new("POST /cases/{id}/transfer", "/cases/{case}/transfer", Role.Supervisor, "bekasi")
            {
                Body = Json(new { toOfficeId = "pasker-jakarta", reason = "Pindah domisili" }),
                RequiredFields = ["toOfficeId", "reason"],
            },
            new("POST /cases/{id}/transfer/acceptance", "/cases/{case}/transfer/acceptance", Role.Supervisor, "bekasi")
            {
                Body = Json(new { counselorId = "c-003" }),
                RequiredFields = ["counselorId"],
            },
            new("POST /cases/{id}/transfer/decline", "/cases/{case}/transfer/decline", Role.Supervisor, "bekasi")
            {
                Body = Json(new { reason = "Kuota penuh" }),
                RequiredFields = ["reason"],
            },
            new("POST /cases/{id}/corrections", "/cases/{case}/corrections", Role.Counselor, "bekasi")
            {
                Body = Json(new { target = "workerPhone", phone = "081299990000", reason = "Nomor baru" }),
                RequiredFields = ["target", "reason"],
            },
            new("GET /counselors/{id}/worklist", "/counselors/c-001/worklist", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("from=2026-13-01", "from"), ("to=tomorrow", "to"),
                    ($"from={day}&to={today.AddDays(-1):yyyy-MM-dd}", "from"),
                    ($"from={day}&to={today.AddDays(92):yyyy-MM-dd}", "to"),
                ],
                BadPaths = [($"/counselors/{HostileId}/worklist", 404, null)],
            },
            new("POST /offices/{id}/reassignments", "/offices/bekasi/reassignments", Role.Supervisor, "bekasi")
            {
                Body = Json(new { fromCounselorId = "c-002", toCounselorId = "c-006", reason = "Sertifikat habis" }),
                RequiredFields = ["fromCounselorId", "toCounselorId", "reason"],
                BadPaths = [($"/offices/{HostileId}/reassignments", 404, null)],
            },
            new("GET /audit/verify", "/audit/verify", Role.Auditor, null) { IgnoredQuery = $"x={HostileId}&limit=-1" },
            new("GET /audit/personal-data-reads", "/audit/personal-data-reads", Role.Auditor, null)
            {
                BadQueries =
                [
                    ("caseId=xyz", "caseId"), ("limit=0", "limit"), ("limit=501", "limit"), ("from=x", "from"),
                    ($"from={now:yyyy-MM-ddTHH:mm:ssZ}&to={now.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}", "from"),
                ],
            },
        ];
        return rows.ToDictionary(r => r.Route);
    }

    private const string TableName = "HostileInputTests.Table";

    private IReadOnlyDictionary<string, Target> Targets => Table(api.Today, api.Now);

    /// <summary>For theory data only: the routes and their declarations as of the fixture's start.</summary>
    private static IReadOnlyDictionary<string, Target> Declared => Table(ApiFixture.StartDay, ApiFixture.Start);

    public static TheoryData<string> RoutesWithABody() => new(Declared.Values.Where(t => t.Body is not null).Select(t => t.Route));

    public static TheoryData<string, string, string> BadQueries()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var target in Declared.Values)
        foreach (var (query, field) in target.BadQueries)
            data.Add(target.Route, query, field);
        return data;
    }

    public static TheoryData<string, int> BadPaths()
    {
        var data = new TheoryData<string, int>();
        foreach (var target in Declared.Values)
            for (var i = 0; i < target.BadPaths.Length; i++)
                data.Add(target.Route, i);
        return data;
    }

    /// <summary>Opens a case when the URL names one, and gives the URL to call.</summary>
    private async Task<string> UrlAsync(string url) =>
        url.Contains("{case}") ? url.Replace("{case}", (await api.Host.OpenCaseAsync()).ToString()) : url;

    private string TokenFor(Target target) => api.TokenFor(
        target.Role switch { Role.Supervisor => "s-001", Role.Admin => "adm-001", Role.Auditor => "a-001", _ => "c-001" },
        target.Role, target.Office);

    /// <summary>Sends the request and checks it wrote nothing; returns the status and the body of the answer.</summary>
    private async Task<(int Status, string Body)> SendWritingNothingAsync(Target target, string url, string? body, bool writesNothing = true)
    {
        var method = target.Route.Split(' ')[0];
        var before = await api.FootprintAsync();
        var result = await api.Host.Scenario(s =>
        {
            switch (method)
            {
                case "GET": s.Get.Url(url); break;
                case "PUT": s.Put.Text(body!).ToUrl(url); break;
                case "POST": s.Post.Text(body!).ToUrl(url); break;
                default: throw new InvalidOperationException($"The table does not send {method} yet: add it here.");
            }
            if (body is not null) s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(TokenFor(target));
            s.IgnoreStatusCode();
        });
        var answer = (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
        if (writesNothing) (await api.FootprintAsync()).Should().Be(before, "a refused request writes nothing ({0})", answer);
        return answer;
    }

    private async Task<JsonElement> RefusedAsync(string route, Func<JsonObject, string> body, int expected = 400)
    {
        var target = Targets[route];
        var url = await UrlAsync(target.Url);
        var (status, text) = await SendWritingNothingAsync(target, url, body(target.Body!.DeepClone().AsObject()));
        status.Should().Be(expected, text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be(expected);
        return problem;
    }

    /// <summary>
    /// The problem names <paramref name="field"/>: as a key of its errors (validation), as the query parameter that
    /// did not parse, as the JSON path that did not read ("Path: $.worker.nik |"), or as the field a rule refused.
    /// </summary>
    private static void ShouldName(JsonElement problem, string field)
    {
        var named =
            (problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _)) ||
            (problem.TryGetProperty("parameter", out var parameter) && parameter.GetString() == field) ||
            (problem.TryGetProperty("field", out var refused) && refused.GetString() == field) ||
            (problem.TryGetProperty("detail", out var detail) && detail.GetString()!.Contains($"Path: $.{field} |"));
        named.Should().BeTrue("the problem must name '{0}': {1}", field, problem);
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

    [Fact]
    public void Every_route_the_service_answers_has_a_row_in_the_table() =>
        RouteCoverage.AssertCovers(RouteCoverage.Served(api.Host.Services), Targets.Keys, TableName);

    [Fact]
    public void Every_row_declares_input_the_route_must_refuse_or_ignore() =>
        Targets.Values.Where(t => !t.DeclaresHostileInput).Select(t => t.Route).Should().BeEmpty();

    public static TheoryData<string> RoutesInTable() => new(Declared.Keys);

    /// <summary>The check above, run against the table without one route: it fails and names that route.</summary>
    [Theory, MemberData(nameof(RoutesInTable))]
    public void A_route_without_a_row_fails_the_table_by_name(string route)
    {
        var served = RouteCoverage.Served(api.Host.Services);

        var check = () => RouteCoverage.AssertCovers(served, Targets.Keys.Where(r => r != route), TableName);

        check.Should().Throw<XunitException>()
            .Which.Message.Should().Contain($"{Environment.NewLine}{route} has no expectation in {TableName}: add one.");
    }

    [Theory, MemberData(nameof(RoutesWithABody))]
    public async Task Broken_json_is_refused_naming_where_it_broke(string route)
    {
        var problem = await RefusedAsync(route, b => b.ToJsonString()[..^3]);

        problem.GetProperty("detail").GetString().Should().Contain("Path: $");
    }

    [Theory, MemberData(nameof(RoutesWithABody))]
    public async Task An_empty_body_is_refused_naming_exactly_the_required_fields(string route)
    {
        var problem = await RefusedAsync(route, _ => "{}");

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo(Targets[route].RequiredFields);
    }

    [Theory, MemberData(nameof(RoutesWithABody))]
    public async Task Every_field_of_the_wrong_type_is_refused_by_name(string route)
    {
        foreach (var field in Leaves(Targets[route].Body!))
            ShouldName(await RefusedAsync(route, b => With(b, field, new JsonObject { ["unexpected"] = true }).ToJsonString()), field);
    }

    [Theory, MemberData(nameof(RoutesWithABody))]
    public async Task Every_text_field_far_too_long_is_refused_by_name(string route)
    {
        var body = Targets[route].Body!;
        foreach (var field in Leaves(body).Where(f => IsFreeText(body, f)))
            ShouldName(await RefusedAsync(route, b => With(b, field, new string('x', 5000)).ToJsonString()), field);
    }

    /// <summary>
    /// Ciphertext from a client would be stored as it came (PersonalData/CiphertextInput.cs): in any text field, of any
    /// route, it is refused by name and nothing is written.
    /// </summary>
    [Theory, MemberData(nameof(RoutesWithABody))]
    public async Task Every_text_field_in_the_stored_ciphertext_form_is_refused_by_name(string route)
    {
        var body = Targets[route].Body!;
        foreach (var field in Leaves(body).Where(f => IsText(body, f)))
            ShouldName(await RefusedAsync(route, b => With(b, field, "pdp1:QW5ha255YSBkaXJhd2F0").ToJsonString()), field);
    }

    private static bool IsText(JsonObject body, string path) =>
        path.Split('.').Aggregate((JsonNode?)body, (n, key) => n?[key]) is JsonValue value && value.TryGetValue<string>(out _);

    /// <summary>A string field that is neither a date nor the name of an enum value ("readyForWork").</summary>
    private static bool IsFreeText(JsonObject body, string path)
    {
        var node = path.Split('.').Aggregate((JsonNode?)body, (n, key) => n?[key]);
        return node is JsonValue value && value.TryGetValue<string>(out var text) &&
               !DateTimeOffset.TryParse(text, out _) && !Regex.IsMatch(text, "^[a-z]+([A-Z][a-z]+)*$");
    }

    [Theory, MemberData(nameof(RoutesWithABody))]
    public async Task A_body_over_the_size_limit_is_413(string route)
    {
        var problem = await RefusedAsync(route, b => With(b, Leaves(b).First(), new string('x', 70_000)).ToJsonString(), 413);

        problem.GetProperty("detail").GetString().Should().Be("Request bodies are at most 64 KiB.");
    }

    [Theory]
    [InlineData("POST /cases", "worker.nik", "32160615O5900001")]
    [InlineData("POST /cases", "worker.nik", "3216061505")]
    [InlineData("POST /cases", "employment.lastMonthlyWage", -1)]
    [InlineData("POST /cases", "contributionMonths", -3)]
    [InlineData("POST /cases", "worker.birthDate", "1990-02-30")]
    [InlineData("POST /cases", "employment.terminationReason", "dipecat")]
    [InlineData("POST /cases/{id}/sessions", "durationMinutes", -45)]
    [InlineData("POST /cases/{id}/sessions", "heldAt", "2099-01-01T09:00:00+07:00")]
    [InlineData("POST /cases/{id}/sessions", "mode", "telepati")]
    [InlineData("POST /cases/{id}/placements", "monthlyWage", -5_100_000)]
    [InlineData("POST /cases/{id}/placements", "startsOn", "2026-13-01")]
    [InlineData("POST /cases/{id}/job-referrals", "referredOn", "2099-12-31")]
    [InlineData("POST /cases/{id}/training-referrals", "kind", "sulap")]
    [InlineData("POST /cases/{id}/closure", "reason", "bosan")]
    [InlineData("POST /cases/{id}/closure", "diedOn", "2099-01-01")]
    [InlineData("POST /cases/{id}/jkp/approval", "approvedOn", "2099-01-01")]
    [InlineData("POST /cases/{id}/jkp/approval", "approvedOn", "2026-02-30")]
    [InlineData("POST /cases/{id}/jkp/earlier-claims", "claimedOn", "2099-01-01")]
    [InlineData("POST /cases/{id}/jkp/earlier-claims", "claimedOn", "2026-02-30")]
    [InlineData("POST /cases", "claimedOn", "2099-01-01")]
    [InlineData("POST /cases", "claimedOn", "2026-02-30")]
    [InlineData("POST /cases", "contributionHistory.monthsPaidInLast24Months", 25)]
    [InlineData("POST /cases", "contributionHistory.consecutiveMonthsBeforeTermination", -1)]
    [InlineData("POST /cases", "employment.contractType", "borongan")]
    [InlineData("POST /cases", "participation.joinedOn", "2014-02-30")]
    [InlineData("POST /cases", "participation.indonesianCitizen", "ya")]
    [InlineData("POST /cases", "earlierClaims", "kemarin")]
    [InlineData("POST /cases/{id}/job-search-commitment", "committedOn", "2099-01-01")]
    [InlineData("POST /cases/{id}/job-search-activities", "kind", "melamun")]
    [InlineData("POST /cases/{id}/job-search-activities", "on", "2099-01-01")]
    [InlineData("POST /cases/{id}/job-search-activities", "employer", "")]
    [InlineData("PUT /counselors/{id}", "certificate.expiresOn", "2024-12-31")]
    [InlineData("PUT /counselors/{id}", "officeId", "Bekasi; DROP")]
    public async Task Invalid_values_are_refused_by_name(string route, string field, object value) =>
        ShouldName(await RefusedAsync(route, b => With(b, field, JsonSerializer.SerializeToNode(value)).ToJsonString()), field);

    [Theory, MemberData(nameof(BadQueries))]
    public async Task A_bad_query_value_is_400_naming_the_parameter(string route, string query, string field)
    {
        var target = Targets[route];
        var url = await UrlAsync(target.Url);

        var (status, text) = await SendWritingNothingAsync(target, $"{url}?{query}", null);

        status.Should().Be(400, text);
        ShouldName(JsonDocument.Parse(text).RootElement, field);
    }

    public static TheoryData<string> CaseRoutes() => new(Declared.Values.Where(t => t.Url.StartsWith("/cases/{case}")).Select(t => t.Route));

    /// <summary>The nil UUID reads as a Guid but names no case: 404 like any other unknown case, and nothing written.</summary>
    [Theory, MemberData(nameof(CaseRoutes))]
    public async Task The_nil_uuid_names_no_case(string route)
    {
        var target = Targets[route];
        var url = target.Url.Replace("{case}", Guid.Empty.ToString());

        var (status, text) = await SendWritingNothingAsync(target, url, target.Body?.ToJsonString());

        status.Should().Be(404, text);
        JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Theory, MemberData(nameof(BadPaths))]
    public async Task A_path_naming_nothing_is_refused(string route, int index)
    {
        var target = Targets[route];
        var (path, expected, field) = target.BadPaths[index];
        var url = await UrlAsync(path);

        var (status, text) = await SendWritingNothingAsync(target, url, target.Body?.ToJsonString());

        status.Should().Be(expected, text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(expected);
        if (field is not null) ShouldName(problem, field);
    }

    [Fact]
    public async Task A_route_that_takes_no_input_ignores_a_query_it_does_not_know()
    {
        foreach (var target in Targets.Values.Where(t => t.IgnoredQuery is not null))
        {
            var (status, text) = await SendWritingNothingAsync(target, $"{target.Url}?{target.IgnoredQuery}", null);
            status.Should().Be(200, text);
        }
    }

    /// <summary>Reads whose query parameters are bad: 400 naming the parameter, and nothing recorded (not even an export).</summary>
    [Theory]
    [InlineData("/reports/outcomes?groupBy=district", "groupBy")]
    [InlineData("/reports/outcomes?groupBy=office%27%3B%20DROP%20TABLE%20counseling.mt_events%3B--", "groupBy")]
    [InlineData("/reports/outcomes?from=2027-13-01", "from")]
    [InlineData("/reports/outcomes?to=31-03-2027", "to")]
    [InlineData("/reports/outcomes?from=2026-03-31&to=2026-03-01", "from")]
    [InlineData("/reports/outcomes?asOf=%3Cscript%3E", "asOf")]
    [InlineData("/offices/bekasi/dashboard?asOf=2026-02-30T00:00:00Z", "asOf")]
    [InlineData("/offices/bekasi/reports/monthly?month=2026-02-30", "month")]
    [InlineData("/offices/bekasi/reports/monthly?month=2026-11%27%3B%20DROP%20TABLE%20counseling.mt_events%3B--", "month")]
    public async Task Bad_report_queries_are_refused_naming_the_parameter(string url, string parameter)
    {
        var before = await api.EventCountAsync();
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "text/csv");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
            s.StatusCodeShouldBe(400);
        });

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Hostile_and_mixed_script_text_is_stored_and_returned_verbatim()
    {
        var journey = await Journey.OpenAsync(api);
        var session = JsonSerializer.SerializeToNode(Requests.LogSession(api.Now))!.AsObject();
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

        // data[0] and data[1]: the intake and its JKP claim.
        data[2].GetProperty("notes").GetString().Should().Be(Hostile);
        data[3].GetProperty("notes").GetString().Should().Be(Hostile);
        data[4].GetProperty("reason").GetString().Should().Be(Hostile);
    }

    [Theory]
    [InlineData("nik=3216061505900001%27%20or%201%3D1--")]
    [InlineData("nik=%EF%BC%93%EF%BC%92%EF%BC%91%EF%BC%96061505900001")] // full-width digits
    [InlineData("nik=32160615059000012")]
    [InlineData("nik=%00216061505900001")]
    [InlineData("nik=3216061505900001&nik=3216061505900002")]
    public async Task A_hostile_NIK_in_a_search_is_a_400_naming_nik_and_is_not_recorded(string query)
    {
        var readsBefore = await ReadCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases?{query}");
            s.StatusCodeShouldBe(400);
        });

        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors").TryGetProperty("nik", out _).Should().BeTrue();
        (await ReadCountAsync()).Should().Be(readsBefore);
    }

    [Fact]
    public async Task A_NIK_far_too_long_in_a_search_is_refused()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases?nik={new string('3', 5000)}");
            s.StatusCodeShouldBe(400);
        });
        (await result.ReadAsTextAsync()).Should().NotContain(new string('3', 100));
    }

    private async Task<int> ReadCountAsync()
    {
        await using var session = api.Store.QuerySession();
        return await session.Query<Counseling.Api.Audit.PersonalDataReads.PersonalDataRead>().CountAsync();
    }
}
