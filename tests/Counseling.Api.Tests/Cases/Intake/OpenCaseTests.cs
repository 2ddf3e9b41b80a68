using System.Text.Json;
using Alba;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Cases.Intake;

[Collection(ApiCollection.Name)]
public class OpenCaseTests(ApiFixture api)
{
    [Fact]
    public async Task Opening_a_case_answers_201_with_its_location_id_and_version()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase()).ToUrl("/cases");
            s.StatusCodeShouldBe(201);
        });

        var body = await result.ReadAsJsonAsync<Versioned>();
        body.Version.Should().Be(2, "the intake appends the case's opening and its JKP claim");
        result.Context.Response.Headers.Location.ToString().Should().Be($"/cases/{body.Id}");
        result.Context.Response.Headers.ETag.ToString().Should().Be("\"2\"");

        var read = await api.Host.Scenario(s => s.Get.Url($"/cases/{body.Id}"));
        using var json = JsonDocument.Parse(await read.ReadAsTextAsync());
        json.RootElement.GetProperty("stage").GetString().Should().Be("intake");
        json.RootElement.GetProperty("counselorId").GetString().Should().Be("c-001");
        json.RootElement.GetProperty("sessionsCount").GetInt32().Should().Be(0);
        read.Context.Response.Headers.ETag.ToString().Should().Be("\"2\"");
    }

    [Fact]
    public async Task An_unknown_case_is_404_problem_details()
    {
        await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{Guid.NewGuid()}");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }

    public static TheoryData<string, object> InvalidBodies => new()
    {
        { "worker.nik", Requests.OpenCase(nik: "32160615059") },
        { "worker.nik", Requests.OpenCase(nik: "32160615059000AB") },
        { "employment.lastMonthlyWage", Requests.OpenCase(lastMonthlyWage: -1) },
        { "employment.terminationDate", Requests.OpenCase(terminationDate: ApiFixture.StartDay.AddDays(30).ToString("yyyy-MM-dd")) },
        { "officeId", new { counselorId = "c-001" } },
        { "worker", new { officeId = "bekasi" } },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_input_is_400_naming_the_field_and_writes_nothing(string field, object body)
    {
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/cases");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        using var problem = JsonDocument.Parse(await result.ReadAsTextAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(
            $"the problem should name '{field}', but was {problem.RootElement}");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("""{"officeId": "bekasi", "worker": """, "$.worker")]
    [InlineData("""{"officeId": 42}""", "$.officeId")]
    [InlineData("""{"employment": {"terminationReason": "fired-for-fun"}}""", "$.employment.terminationReason")]
    [InlineData("""{"employment": {"lastMonthlyWage": "lots"}}""", "$.employment.lastMonthlyWage")]
    public async Task Malformed_or_wrongly_typed_json_is_400_naming_where_it_broke(string json, string path)
    {
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });

        (await result.ReadAsTextAsync()).Should().Contain(path);
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_resignation_does_not_qualify_for_JKP_and_is_422_with_the_reason()
    {
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(terminationReason: "resignation")).ToUrl("/cases");
            s.StatusCodeShouldBe(422);
        });

        (await result.ReadAsTextAsync()).Should().Contain("does not qualify for JKP");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_further_claim_is_decided_against_the_workers_earlier_case_found_by_NIK()
    {
        var nik = Requests.NewNik();
        // The first claim a month after an earlier PHK, before the second PHK.
        var first = await api.Host.OpenCaseAsync(Requests.OpenCase(nik: nik,
            terminationDate: ApiFixture.StartDay.AddDays(-90).ToString("yyyy-MM-dd"), claimedOn: ApiFixture.StartDay.AddDays(-60).ToString("yyyy-MM-dd")));
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "withdrew", notes = "Pindah kota." }).ToUrl($"/cases/{first}/closure");
            s.StatusCodeShouldBe(200);
        });
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.OpenCase(nik: nik)).ToUrl("/cases");
            s.StatusCodeShouldBe(422);
        });

        var problem = await result.ReadAsTextAsync();
        problem.Should().Contain("earlierClaims").And.Contain("5 more years");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_fixed_term_contract_that_ran_to_its_term_is_422_naming_the_article_and_writes_nothing()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Requests.OpenCase(), Web))!;
        body["employment"]!["contractType"] = "fixedTerm";
        body["employment"]!["contractEndsOn"] = body["employment"]!["terminationDate"]!.GetValue<string>();
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Text(body.ToJsonString()).ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(422);
        });

        (await result.ReadAsTextAsync()).Should().Contain("employment.contractEndsOn").And.Contain("Pasal 20 ayat (2)");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("participation")]
    [InlineData("contributionHistory")]
    public async Task An_intake_without_the_facts_the_claim_is_decided_on_is_400_naming_them(string missing)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Requests.OpenCase(), Web))!.AsObject();
        body.Remove(missing);

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Text(body.ToJsonString()).ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        (await result.ReadAsTextAsync()).Should().Contain(missing);
    }

    [Theory]
    [InlineData("contributionHistory.arrears.monthsUnpaid")]
    [InlineData("contributionHistory.arrears.cause")]
    [InlineData("earlierClaims")]
    public async Task Bad_arrears_or_too_many_earlier_claims_are_400_naming_the_field_and_write_nothing(string field)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Requests.OpenCase(), Web))!;
        body["contributionHistory"]!["arrears"] = field switch
        {
            "contributionHistory.arrears.monthsUnpaid" => System.Text.Json.Nodes.JsonNode.Parse("""{ "monthsUnpaid": 30, "cause": "employerBankrupt" }"""),
            "contributionHistory.arrears.cause" => System.Text.Json.Nodes.JsonNode.Parse("""{ "monthsUnpaid": 2 }"""),
            _ => null,
        };
        if (field == "earlierClaims")
            body["earlierClaims"] = new System.Text.Json.Nodes.JsonArray(
                [.. Enumerable.Range(1, 11).Select(n => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["claimedOn"] = $"20{n:D2}-01-15" })]);
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Text(body.ToJsonString()).ToUrl("/cases");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });

        var errors = System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(field);
        (await api.EventCountAsync()).Should().Be(before);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);
}
