using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Localization;

[Collection(ApiCollection.Name)]
public class LocalizationTests(ApiFixture api)
{
    [Fact]
    public async Task The_history_reads_in_Bahasa_Indonesia_with_enum_values_as_words()
    {
        var caseId = await LoggedCaseAsync();

        var history = await HistoryAsync(caseId, "id-ID,id;q=0.9,en;q=0.5");

        history[0].Should().StartWith("Kasus dibuka di kantor bekasi untuk konselor c-001").And.Contain("(efisiensi)").And.Contain("iuran 24 bulan");
        history[1].Should().StartWith("JKP diklaim pada ");
        history[2].Should().StartWith("Sesi konseling (tatap muka, 45 menit) pada ")
            .And.Contain("membahas hasil asesmen diri, informasi pasar kerja");
    }

    [Fact]
    public async Task The_history_reads_in_English_otherwise_with_enum_values_as_words()
    {
        var caseId = await LoggedCaseAsync();

        foreach (var language in new[] { "", "en-US", "fr" })
        {
            var history = await HistoryAsync(caseId, language);

            history[0].Should().StartWith("Case opened at office bekasi for counselor c-001").And.Contain("(efficiency)");
            history[1].Should().StartWith("JKP claimed on ");
            history[2].Should().StartWith("Counseling session (in person, 45 min) on ")
                .And.Contain("covering self-assessment results, labour market information");
        }
    }

    [Fact]
    public async Task Problems_read_in_Bahasa_Indonesia_and_field_names_stay_as_they_are()
    {
        var caseId = await LoggedCaseAsync();

        var invalid = await ProblemAsync(s => s.Post.Json(new { mode = "inPerson" }).ToUrl($"/cases/{caseId}/sessions"), 400);
        invalid.GetProperty("title").GetString().Should().Be("Permintaan memuat isian yang tidak sah.");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(["heldAt", "durationMinutes", "topics"]);
        // FluentValidation's own messages come in Bahasa Indonesia, and so do the service's own.
        invalid.GetProperty("errors").GetProperty("heldAt")[0].GetString().Should().Contain("tidak boleh");
        invalid.GetProperty("errors").GetProperty("topics")[0].GetString().Should().Be("Sebutkan sekurang-kurangnya satu topik yang dibahas.");

        var stale = await ProblemAsync(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithRequestHeader("If-Match", "\"1\"");
        }, 412);
        stale.GetProperty("title").GetString().Should().Be("Kasus telah berubah sejak Anda membacanya.");
        stale.GetProperty("detail").GetString().Should().StartWith("If-Match menyebut versi 1, tetapi kasus sudah pada versi 3.");

        var unauthenticated = await ProblemAsync(s =>
        {
            s.Get.Url($"/cases/{caseId}");
            s.RemoveRequestHeader("Authorization");
        }, 401);
        unauthenticated.GetProperty("title").GetString().Should().Be("Tidak terautentikasi: diperlukan token bearer yang sah.");

        var view = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}");
            s.WithRequestHeader("Accept-Language", "id");
        });
        var json = await view.ReadAsJsonAsync<JsonElement>();
        json.GetProperty("stage").GetString().Should().Be("intake");
    }

    [Fact]
    public async Task Problems_read_in_English_without_Accept_Language()
    {
        var caseId = await LoggedCaseAsync();

        var invalid = await ProblemAsync(s => s.Post.Json(new { mode = "inPerson" }).ToUrl($"/cases/{caseId}/sessions"), 400, language: "");

        invalid.GetProperty("title").GetString().Should().Be("The request has invalid fields.");
    }

    private async Task<Guid> LoggedCaseAsync()
    {
        var caseId = await api.Host.OpenCaseAsync();
        await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.StatusCodeShouldBe(200);
        });
        return caseId;
    }

    private async Task<List<string>> HistoryAsync(Guid caseId, string language)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url($"/cases/{caseId}/history");
            s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
            if (language.Length > 0) s.WithRequestHeader("Accept-Language", language);
        });
        var history = await result.ReadAsJsonAsync<JsonElement>();
        return history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("what").GetString()!).ToList();
    }

    private async Task<JsonElement> ProblemAsync(Action<Scenario> request, int status, string language = "id")
    {
        var result = await api.Host.Scenario(s =>
        {
            request(s);
            if (language.Length > 0) s.WithRequestHeader("Accept-Language", language);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }
}
