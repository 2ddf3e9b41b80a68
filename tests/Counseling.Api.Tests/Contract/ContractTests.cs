using System.Text.Json.Nodes;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Contract;

[Collection(ApiCollection.Name)]
public class ContractTests(ApiFixture api)
{
    [Fact]
    public async Task The_committed_contract_is_the_document_the_service_serves()
    {
        var served = ContractDocument.AsContract(await ContractDocument.ServedAsync(api.Host));
        var committed = File.Exists(ContractDocument.ContractPath) ? await File.ReadAllTextAsync(ContractDocument.ContractPath) : "";

        if (committed != served)
        {
            // Leave the served document in place so that `git diff contract/` shows what changed, for review and commit.
            await File.WriteAllTextAsync(ContractDocument.ContractPath, served);
        }
        (committed == served).Should().BeTrue(
            "contract/openapi-v1.json is what clients are generated from (and the journey test's client); it differed from " +
            "the served document and now holds the served one: review the diff and commit it");
    }

    [Theory]
    [InlineData("redocly")]
    [InlineData("spectral")]
    public async Task The_linters_report_no_error_on_the_served_document(string linter)
    {
        var (exitCode, output) = await ContractDocument.LintAsync(linter, await ContractDocument.ServedAsync(api.Host));

        exitCode.Should().Be(0, output);
    }

    [Fact]
    public async Task The_linters_would_catch_an_operation_without_security()
    {
        var document = await ContractDocument.ServedAsync(api.Host);
        document["paths"]!["/cases/{id}/sessions"]!["post"]!.AsObject().Remove("security");
        document["components"]!.AsObject().Remove("securitySchemes");

        var (exitCode, output) = await ContractDocument.LintAsync("redocly", document);

        exitCode.Should().NotBe(0);
        output.Should().Contain("security-defined");
    }

    [Fact]
    public async Task Every_operation_requires_the_bearer_token_and_answers_problems_for_401_403_and_503()
    {
        var document = await ContractDocument.ServedAsync(api.Host);

        var scheme = document["components"]!["securitySchemes"]!["bearer"]!;
        ((string?)scheme["type"], (string?)scheme["scheme"], (string?)scheme["bearerFormat"]).Should().Be(("http", "bearer", "JWT"));
        var operations = Operations(document).ToList();
        operations.Should().HaveCount(RouteCoverage.Served(api.Host.Services).Count(r => !RouteCoverage.Exempt.Contains(r)));
        foreach (var (path, method, operation) in operations)
        {
            operation["security"]!.AsArray().Single()!.AsObject().Select(r => r.Key).Should().Equal(["bearer"], $"{method} {path}");
            foreach (var status in new[] { "401", "403", "503" })
                ((string?)operation["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"])
                    .Should().Be("#/components/schemas/ProblemDetails", $"{method} {path} {status}");
            ((string?)operation["description"]).Should().NotBeNullOrWhiteSpace($"{method} {path}");
        }
        document["paths"]!.AsObject().Select(p => p.Key).Should().NotContain(["/health", "/health/live", "/health/ready", "/metrics"]);
    }

    [Fact]
    public async Task Operation_ids_are_verbs_a_generated_client_can_use()
    {
        var document = await ContractDocument.ServedAsync(api.Host);

        var ids = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => (string?)o.Operation["operationId"]);
        ids["post /cases"].Should().Be("openCase");
        ids["post /cases/{id}/sessions"].Should().Be("logSession");
        ids["post /cases/{id}/job-referrals/{referralId}/outcome"].Should().Be("recordJobReferralOutcome");
        ids["get /cases/{id}"].Should().Be("getCase");
        ids["get /counselors/{id}/caseload"].Should().Be("getCaseload");
        ids["get /audit/verify"].Should().Be("verify");
        ids.Values.Should().OnlyHaveUniqueItems().And.OnlyContain(id => id != null && char.IsLower(id[0]) && !id.Contains('_'));
    }

    [Fact]
    public async Task A_case_write_documents_its_headers_and_every_answer()
    {
        var document = await ContractDocument.ServedAsync(api.Host);
        var logSession = document["paths"]!["/cases/{id}/sessions"]!["post"]!;

        logSession["parameters"]!.AsArray().Select(p => ((string?)p!["name"], (string?)p["in"], (bool?)p["required"] ?? false))
            .Should().Equal(("id", "path", true), ("If-Match", "header", false), ("Idempotency-Key", "header", false));
        logSession["responses"]!.AsObject().Select(r => r.Key).Order()
            .Should().Equal("200", "400", "401", "403", "404", "409", "412", "413", "422", "429", "503");
        var openCase = document["paths"]!["/cases"]!["post"]!;
        openCase["parameters"]!.AsArray().Select(p => (string?)p!["name"]).Should().Equal("Idempotency-Key");
        openCase["responses"]!.AsObject().Select(r => r.Key).Should().NotContain("412");
    }

    [Fact]
    public async Task Request_schemas_say_what_the_validators_demand()
    {
        var schemas = (await ContractDocument.ServedAsync(api.Host))["components"]!["schemas"]!;
        var session = schemas["LogSessionRequest"]!;

        session["required"]!.AsArray().Select(n => (string?)n).Should().Equal("heldAt", "mode", "durationMinutes", "topics");
        var duration = session["properties"]!["durationMinutes"]!;
        ((string?)duration["type"], (int?)duration["minimum"], (int?)duration["maximum"]).Should().Be(("integer", 1, 480));
        ((string?)session["properties"]!["mode"]!["$ref"]).Should().Be("#/components/schemas/SessionMode");
        ((string?)session["properties"]!["heldAt"]!["type"]).Should().Be("string");
        ((int?)session["properties"]!["topics"]!["minItems"]).Should().Be(1);
        var notes = session["properties"]!["notes"]!;
        ((int?)notes["maxLength"]).Should().Be(4000);
        notes["type"]!.AsArray().Select(t => (string?)t).Should().BeEquivalentTo("null", "string");
        schemas["SessionMode"]!["enum"]!.AsArray().Select(v => v?.ToString()).Should().Equal("inPerson", "phone", "video");

        var worker = schemas["WorkerRequest"]!;
        ((string?)worker["properties"]!["nik"]!["pattern"]).Should().Be("^[0-9]{16}$");
        ((int?)worker["properties"]!["fullName"]!["maxLength"]).Should().Be(200);
        ((string?)schemas["OpenCaseRequest"]!["properties"]!["worker"]!["$ref"]).Should().Be("#/components/schemas/WorkerRequest");
        ((string?)schemas["PlaceWorkerRequest"]!["properties"]!["monthlyWage"]!["minimum"]?.ToString()).Should().Be("1");
        var occupations = schemas["RecordSelfAssessmentRequest"]!["properties"]!["recommendedOccupations"]!;
        ((int?)occupations["maxItems"], (string?)occupations["items"]!["pattern"]).Should().Be((20, "^[0-9]{4}$"));
        schemas["CloseCaseRequest"]!["required"]!.AsArray().Select(n => (string?)n).Should().Equal("reason");
        schemas.AsObject().Where(s => string.IsNullOrWhiteSpace((string?)s.Value!["description"])).Select(s => s.Key).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_answer_that_is_not_a_success_is_documented_as_problem_details()
    {
        var document = await ContractDocument.ServedAsync(api.Host);

        var bare = Operations(document)
            .SelectMany(o => o.Operation["responses"]!.AsObject().Select(r => (o.Path, o.Method, Status: r.Key, Response: r.Value!)))
            .Where(r => int.Parse(r.Status) >= 400 && r.Response["content"]?["application/problem+json"] is null)
            .Select(r => $"{r.Method} {r.Path} {r.Status}");

        bare.Should().BeEmpty();
        document["paths"]!["/audit/checkpoint"]!["get"]!["responses"]!["404"]!["content"]!["application/problem+json"].Should().NotBeNull();
    }

    [Fact]
    public async Task Verifying_against_a_forged_checkpoint_documents_its_422()
    {
        var document = await ContractDocument.ServedAsync(api.Host);

        var verify = document["paths"]!["/audit/verify"]!["post"]!["responses"]!;
        ((string?)verify["422"]?["description"]).Should().StartWith("The checkpoint is not authentic");
    }

    /// <summary>
    /// Every request schema (a body, or an object within one such as a plan's goal): a required field admits no null,
    /// and a field of free text has a length limit.
    /// </summary>
    [Fact]
    public async Task Request_schemas_admit_no_null_where_a_field_is_required_and_no_text_without_a_limit()
    {
        var schemas = (await ContractDocument.ServedAsync(api.Host))["components"]!["schemas"]!.AsObject();
        var requests = schemas.Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal)).ToList();
        requests.Select(s => s.Key).Should().Contain(["PlanGoalRequest", "PlanActionRequest", "RecordJobReferralOutcomeRequest"]);

        var nullableRequired = requests.SelectMany(s => (s.Value!["required"]?.AsArray() ?? []).Select(f => (string)f!)
                .Where(f => AdmitsNull(s.Value!["properties"]![f]!)).Select(f => $"{s.Key}.{f}"));
        var unlimitedText = requests.SelectMany(s => (s.Value!["properties"]?.AsObject() ?? [])
                .Where(p => IsPlainText(p.Value!) && p.Value!["maxLength"] is null).Select(p => $"{s.Key}.{p.Key}"));

        nullableRequired.Should().BeEmpty();
        unlimitedText.Should().BeEmpty();
        ((int?)schemas["PlanGoalRequest"]!["properties"]!["occupation"]!["maxLength"]).Should().Be(4);
        ((int?)schemas["PlanActionRequest"]!["properties"]!["what"]!["maxLength"]).Should().Be(500);
    }

    private static bool AdmitsNull(JsonNode field) =>
        field["type"] is JsonArray types ? types.Any(t => (string?)t == "null")
        : (string?)field["type"] == "null" || (field["oneOf"]?.AsArray().Any(o => (string?)o!["type"] == "null") ?? false);

    private static bool IsPlainText(JsonNode field) =>
        (field["type"] is JsonArray types ? types.Any(t => (string?)t == "string") : (string?)field["type"] == "string")
        && field["format"] is null && field["enum"] is null && field["pattern"] is null;

    [Fact]
    public async Task A_number_sent_as_a_string_is_bad_input()
    {
        var caseId = await api.Host.OpenCaseAsync();

        await api.Host.Scenario(s =>
        {
            s.Post.Text("""{"heldAt": "2026-11-20T03:00:00Z", "mode": "phone", "durationMinutes": "20", "topics": ["other"]}""")
                .ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path =>
            path.Value!.AsObject().Select(operation => (path.Key, operation.Key, operation.Value!)));
}
