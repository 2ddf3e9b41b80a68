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
        body.Version.Should().Be(1);
        result.Context.Response.Headers.Location.ToString().Should().Be($"/cases/{body.Id}");
        result.Context.Response.Headers.ETag.ToString().Should().Be("\"1\"");

        var read = await api.Host.Scenario(s => s.Get.Url($"/cases/{body.Id}"));
        using var json = JsonDocument.Parse(await read.ReadAsTextAsync());
        json.RootElement.GetProperty("stage").GetString().Should().Be("intake");
        json.RootElement.GetProperty("counselorId").GetString().Should().Be("c-001");
        json.RootElement.GetProperty("sessionsCount").GetInt32().Should().Be(0);
        read.Context.Response.Headers.ETag.ToString().Should().Be("\"1\"");
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
}
