using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Access;

/// <summary>Every case endpoint for every kind of caller: who gets in, who gets 403, who gets 401.</summary>
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

    private static readonly string Today = Journey.Today;

    /// <summary>Each case endpoint, with a body it accepts on a freshly opened case (or one that reaches its rules).</summary>
    private static readonly Dictionary<string, (string Method, string Path, object? Body)> Endpoints = new()
    {
        ["read"] = ("GET", "", null),
        ["read-as-of"] = ("GET", "?version=1", null),
        ["events"] = ("GET", "/events", null),
        ["history"] = ("GET", "/history", null),
        ["session"] = ("POST", "/sessions", Requests.LogSession(DateTimeOffset.UtcNow)),
        ["assessment"] = ("POST", "/assessments", new { assessedOn = Today, educationLevel = "bachelor", readiness = "readyForWork" }),
        ["job-referral"] = ("POST", "/job-referrals", new { vacancyReference = "V-1", employer = "PT A", position = "Sales Executive", referredOn = Today }),
        ["job-outcome"] = ("POST", $"/job-referrals/{Guid.NewGuid()}/outcome", new { outcome = "hired", on = Today }),
        ["training-referral"] = ("POST", "/training-referrals", new { provider = "BLK", programme = "Barbershop", kind = "course", startsOn = Today }),
        ["training-outcome"] = ("POST", $"/training-referrals/{Guid.NewGuid()}/outcome", new { outcome = "started", on = Today }),
        ["placement"] = ("POST", "/placements", new { employer = "PT A", position = "Sales", startsOn = Today, monthlyWage = 5_000_000, contractType = "permanent" }),
        ["placement-follow-up"] = ("POST", "/placement-follow-up", new { on = Today, stillEmployed = true }),
        ["self-employment"] = ("POST", "/self-employment", new { businessType = "Warung", startsOn = Today }),
        ["closure"] = ("POST", "/closure", new { reason = "withdrew" }),
        ["reopening"] = ("POST", "/reopening", new { reason = "Kembali" }),
        ["reassignment"] = ("POST", "/reassignment", new { counselorId = "c-006", reason = "Cuti" }),
    };

    private static readonly HashSet<string> Reads = ["read", "read-as-of", "events", "history"];

    private static bool Allowed(Who who, string endpoint) => who switch
    {
        Who.AssignedCounselor => endpoint != "reassignment",
        Who.SupervisorOfOffice => Reads.Contains(endpoint) || endpoint == "reassignment",
        Who.Auditor => Reads.Contains(endpoint),
        _ => false,
    };

    public static TheoryData<Who, string> Matrix()
    {
        var data = new TheoryData<Who, string>();
        foreach (var who in Enum.GetValues<Who>())
        foreach (var endpoint in Endpoints.Keys)
            data.Add(who, endpoint);
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

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_reaches_exactly_the_cases_their_role_allows(Who who, string endpoint)
    {
        var caseId = await api.Host.OpenCaseAsync();
        var (method, path, body) = Endpoints[endpoint];
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url($"/cases/{caseId}{path}");
            else s.Post.Json(body!).ToUrl($"/cases/{caseId}{path}");
            if (TokenOf(who) is { } token) s.WithBearerToken(token);
            else s.RemoveRequestHeader("Authorization");
            s.IgnoreStatusCode();
        });

        var status = result.Context.Response.StatusCode;
        if (who == Who.Anonymous) status.Should().Be(401);
        else if (Allowed(who, endpoint)) status.Should().BeInRange(200, 499).And.NotBe(401).And.NotBe(403);
        else
        {
            status.Should().Be(403);
            var text = await result.ReadAsTextAsync();
            text.Should().NotContain("Siti Rahmawati").And.NotContain("3216061505900001");
        }
        if (!Allowed(who, endpoint)) (await api.EventCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Who.AssignedCounselor, 201)]
    [InlineData(Who.CounselorOfOtherOffice, 403)]
    [InlineData(Who.SupervisorOfOffice, 403)]
    [InlineData(Who.Auditor, 403)]
    [InlineData(Who.Admin, 403)]
    [InlineData(Who.Anonymous, 401)]
    public async Task Only_a_counselor_opens_a_case_for_themselves_at_their_office(Who who, int expected)
    {
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase()).ToUrl("/cases");
            if (TokenOf(who) is { } token) s.WithBearerToken(token);
            else s.RemoveRequestHeader("Authorization");
            s.StatusCodeShouldBe(expected);
        });
    }

    [Theory]
    [InlineData(Who.Auditor, 200)]
    [InlineData(Who.SupervisorOfOffice, 403)]
    [InlineData(Who.AssignedCounselor, 403)]
    [InlineData(Who.Admin, 403)]
    [InlineData(Who.Anonymous, 401)]
    public async Task Only_auditors_run_the_verification(Who who, int expected)
    {
        await api.Host.Scenario(s =>
        {
            s.Get.Url("/audit/verify");
            if (TokenOf(who) is { } token) s.WithBearerToken(token);
            else s.RemoveRequestHeader("Authorization");
            s.StatusCodeShouldBe(expected);
        });
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

    /// <summary>The endpoints that are not about one case: views, audit and reference data, for every caller.</summary>
    public static TheoryData<Who, string> OtherEndpoints()
    {
        var data = new TheoryData<Who, string>();
        foreach (var who in Enum.GetValues<Who>())
        foreach (var endpoint in Views.Keys)
            data.Add(who, endpoint);
        return data;
    }

    private static readonly Dictionary<string, (string Method, string Url, object? Body, Who[] Allowed)> Views = new()
    {
        ["own caseload"] = ("GET", "/counselors/c-001/caseload", null, [Who.AssignedCounselor, Who.SupervisorOfOffice, Who.Auditor]),
        ["own follow-ups"] = ("GET", "/counselors/c-001/follow-ups", null, [Who.AssignedCounselor, Who.SupervisorOfOffice, Who.Auditor]),
        ["office dashboard"] = ("GET", "/offices/bekasi/dashboard", null, [Who.SupervisorOfOffice, Who.Auditor]),
        ["verify"] = ("GET", "/audit/verify", null, [Who.Auditor]),
        ["personal-data reads"] = ("GET", "/audit/personal-data-reads", null, [Who.Auditor]),
        ["audit events"] = ("GET", "/audit/events?limit=5", null, [Who.Auditor]),
        ["checkpoint"] = ("GET", "/audit/checkpoint", null, [Who.Auditor]),
        ["checkpoint keys"] = ("GET", "/audit/checkpoint-keys", null, [Who.Auditor]),
        // The body: a genuine checkpoint, issued when the test runs.
        ["verify against a checkpoint"] = ("POST", "/audit/verify", null, [Who.Auditor]),
        ["erasure"] = ("POST", "/personal-data-erasure", new { requestReference = "PDP-9" }, [Who.SupervisorOfOffice, Who.Admin]),
        ["counselor registration"] = ("PUT", "/counselors/c-160", new
        {
            fullName = "Uji Matriks", officeId = "bekasi",
            certificate = new { number = "AK-9", issuedOn = "2025-01-01", expiresOn = "2030-01-01" },
        }, [Who.Admin]),
    };

    [Theory]
    [MemberData(nameof(OtherEndpoints))]
    public async Task Each_caller_reaches_exactly_the_views_and_tools_their_role_allows(Who who, string endpoint)
    {
        var (method, url, body, allowed) = Views[endpoint];
        if (endpoint == "erasure") url = $"/cases/{await api.Host.OpenCaseAsync()}{url}";
        if (endpoint == "verify against a checkpoint")
            body = await (await api.Host.Scenario(s =>
            {
                s.Get.Url("/audit/checkpoint");
                s.WithBearerToken(TokenOf(Who.Auditor)!);
            })).ReadAsJsonAsync<Counseling.Api.Audit.Checkpoints.Checkpoint>();

        var result = await api.Host.Scenario(s =>
        {
            switch (method)
            {
                case "GET": s.Get.Url(url); break;
                case "PUT": s.Put.Json(body!).ToUrl(url); break;
                default: s.Post.Json(body!).ToUrl(url); break;
            }
            if (TokenOf(who) is { } token) s.WithBearerToken(token);
            else s.RemoveRequestHeader("Authorization");
            s.IgnoreStatusCode();
        });

        var status = result.Context.Response.StatusCode;
        if (who == Who.Anonymous) status.Should().Be(401);
        else if (allowed.Contains(who)) status.Should().BeInRange(200, 299);
        else status.Should().Be(403);
    }
}
