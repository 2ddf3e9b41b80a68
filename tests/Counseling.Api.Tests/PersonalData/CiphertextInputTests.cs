using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.PersonalData;
using Counseling.Api.Tests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Counseling.Api.Tests.PersonalData;

/// <summary>
/// Text in the stored-ciphertext form ("pdp1:") is refused from clients, since the service would store it as it came
/// (unencrypted, or unreadable); a value that does not decrypt, as an insider with the database could plant one, reads
/// as "[unreadable]" on every page that shows it, and the page is still answered.
/// </summary>
[Collection(ApiCollection.Name)]
public class CiphertextInputTests(ApiFixture api)
{
    /// <summary>"pdp1:" + base64 of clear text: stored as it came, it would survive erasure in clear.</summary>
    private static readonly string ClearTextInDisguise = "pdp1:" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Anaknya dirawat di RSUD Cibitung"));

    [Fact]
    public async Task A_note_in_ciphertext_form_is_refused_naming_the_field_and_nothing_is_written()
    {
        var journey = await Journey.OpenAsync(api);
        var before = await api.FootprintAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                heldAt = api.Now, mode = "phone", durationMinutes = 20, topics = new[] { "other" }, notes = ClearTextInDisguise,
            }).ToUrl($"/cases/{journey.CaseId}/sessions");
            s.WithRequestHeader("Idempotency-Key", Guid.NewGuid().ToString());
            s.StatusCodeShouldBe(400);
        });

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("notes");
        result.Context.Response.ContentType.Should().StartWith("application/problem+json");
        (await api.FootprintAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("worker.fullName")]
    [InlineData("worker.nik")]
    [InlineData("jkpClaimReference")]
    public async Task An_intake_with_a_personal_field_in_ciphertext_form_is_refused_naming_it(string field)
    {
        var intake = JsonSerializer.SerializeToNode(Requests.OpenCase())!;
        var parts = field.Split('.');
        var parent = parts.Length == 1 ? intake : intake[parts[0]]!;
        parent[parts[^1]] = ClearTextInDisguise;
        var before = await api.FootprintAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(intake).ToUrl("/cases");
            s.StatusCodeShouldBe(400);
        });

        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Equal(field);
        (await api.FootprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_skill_in_ciphertext_form_is_refused_naming_its_place_in_the_list()
    {
        var journey = await Journey.OpenAsync(api);

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                assessedOn = journey.Today, educationLevel = "vocationalHighSchool", skills = new[] { "mesin bubut", ClearTextInDisguise },
                interests = new[] { "manufaktur" }, workPreferences = "Bekasi", recommendedOccupations = new[] { "7223" }, readiness = "readyForWork",
            }).ToUrl($"/cases/{journey.CaseId}/assessments");
            s.StatusCodeShouldBe(400);
        });

        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).Should().Equal("skills[1]");
    }

    [Theory]
    [InlineData("{\"notes\":\"\\u0070dp1:QUJD\"}", "notes")]
    [InlineData("{\"a\":[1,{\"b\":\"x\"},{\"c\":\"pdp1:QUJD\"}]}", "a[2].c")]
    [InlineData("{\"notes\":\"pdp\\u0031:QUJD\"}", "notes")]
    public async Task The_prefix_is_found_however_the_JSON_spells_it(string json, string field)
    {
        (await CiphertextInput.FirstCiphertextFieldAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), CancellationToken.None))
            .Should().Be(field);
    }

    [Theory]
    [InlineData("{\"notes\":\"Membahas pdp1 tanpa titik dua\"}")]
    [InlineData("{\"notes\":\"\\u00e9t\u00e9 pdp\"}")]
    [InlineData("not json at all pdp1:")]
    public async Task Bodies_without_a_value_in_ciphertext_form_pass(string json)
    {
        (await CiphertextInput.FirstCiphertextFieldAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), CancellationToken.None))
            .Should().BeNull();
    }

    [Fact]
    public async Task Ciphertext_planted_in_the_database_reads_as_unreadable_and_every_page_is_still_answered()
    {
        // A counselor no other test uses, so that the planted case is on their pages whatever else the store holds.
        const string counselor = "c-007";
        var token = api.TokenFor(counselor, Role.Counselor, "bekasi");
        var worker = Worker.New();
        var intake = worker.Intake();
        intake["counselorId"] = counselor;
        var opened = await api.Host.Scenario(s =>
        {
            s.Post.Json(intake).ToUrl("/cases");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(201);
        });
        var caseId = (await opened.ReadAsJsonAsync<Versioned>()).Id;
        await new Journey(api, caseId, token).PostAsync("sessions", worker.Session(api.Now), 200);
        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        // As an insider with the database would: well-formed ciphertext under no key of this case, and a value that is
        // not even base64, written into the events, the snapshot and the caseload entry.
        var forged = "pdp1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        const string garbled = "pdp1:%%%not-base64%%%";
        await using (var connection = api.Store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var plant = new NpgsqlCommand("""
                update counseling.mt_events set data = jsonb_set(data, '{notes}', to_jsonb(@forged::text))
                 where stream_id = @id and type = 'counseling_session_logged';
                update counseling.mt_events set data = jsonb_set(data, '{worker,fullName}', to_jsonb(@garbled::text))
                 where stream_id = @id and type = 'case_opened';
                update counseling.mt_doc_counselingcase set data = jsonb_set(data, '{worker,fullName}', to_jsonb(@garbled::text)) where id = @id;
                update counseling.mt_doc_caseloadentry set data = jsonb_set(jsonb_set(data, '{workerName}', to_jsonb(@forged::text)),
                 '{protectedNik}', to_jsonb(@garbled::text)) where id = @id;
                """, connection);
            plant.Parameters.AddWithValue("id", caseId);
            plant.Parameters.AddWithValue("forged", forged);
            plant.Parameters.AddWithValue("garbled", garbled);
            await plant.ExecuteNonQueryAsync();
        }

        var auditor = api.TokenFor("a-001", Role.Auditor, null);
        var followUpDay = api.Today.AddDays(7).ToString("yyyy-MM-dd");
        var pages = new (string Url, string Token)[]
        {
            ($"/cases/{caseId}", token),
            ($"/cases/{caseId}/events", auditor),
            ($"/counselors/{counselor}/caseload?pageSize=100", token),
            ($"/counselors/{counselor}/follow-ups?from={followUpDay}&to={followUpDay}", token),
            ($"/counselors/{counselor}/worklist?from={followUpDay}&to={followUpDay}", token),
            ($"/cases?nik={worker.Nik}", token),
        };
        foreach (var (url, caller) in pages)
        {
            var result = await api.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.WithBearerToken(caller);
                s.StatusCodeShouldBe(200);
            });
            var text = await result.ReadAsTextAsync();
            text.Should().Contain(caseId.ToString(), url).And.Contain(PersonalDataProtection.Unreadable, url);
            text.Should().NotContain("pdp1:", url);
        }
    }

    [Fact]
    public async Task A_reason_planted_as_ciphertext_reads_as_unreadable_in_the_history()
    {
        var journey = await Journey.OpenAsync(api);
        await journey.CloseAsync("withdrew");
        await journey.ReopenAsync();
        await using (var connection = api.Store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var plant = new NpgsqlCommand("""
                update counseling.mt_events set data = jsonb_set(data, '{reason}', to_jsonb(@forged::text))
                 where stream_id = @id and type = 'case_reopened'
                """, connection);
            plant.Parameters.AddWithValue("id", journey.CaseId);
            plant.Parameters.AddWithValue("forged", "pdp1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)));
            (await plant.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{journey.CaseId}/history");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
            s.StatusCodeShouldBe(200);
        });

        (await result.ReadAsTextAsync()).Should().Contain(PersonalDataProtection.Unreadable).And.NotContain("pdp1:");
    }
}
