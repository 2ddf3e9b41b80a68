using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.Localization;

/// <summary>
/// Representative refusals of every kind, sent with Accept-Language: id and without: each answer's text, exactly, in
/// Bahasa Indonesia and in English. A message written in English only fails here (and in TextsCompletenessTests).
/// </summary>
[Collection(ApiCollection.Name)]
public class IndonesianAnswersTests(ApiFixture api)
{
    /// <summary>What a row sends, and where in the problem its text is read ("detail", "title", "errors.field").</summary>
    private sealed record Row(int Status, Func<Guid, Action<Scenario>> Request, params (string Path, string English, string Indonesian)[] Texts);

    private Dictionary<string, Row> Rows => new()
    {
        ["validation: the service's own messages"] = new(400,
            id => s => s.Post.Json(new { heldAt = api.Now, mode = "inPerson", durationMinutes = 0, topics = Array.Empty<string>() })
                .ToUrl($"/cases/{id}/sessions"),
            ("errors.durationMinutes", "A session lasts from 1 to 480 minutes.", "Durasi sesi antara 1 sampai 480 menit."),
            ("errors.topics", "Name at least one topic covered.", "Sebutkan sekurang-kurangnya satu topik yang dibahas."),
            ("title", "The request has invalid fields.", "Permintaan memuat isian yang tidak sah.")),
        ["validation: FluentValidation's own messages"] = new(400,
            id => s => s.Post.Json(new { heldAt = api.Now, durationMinutes = 30, topics = new[] { "other" } }).ToUrl($"/cases/{id}/sessions"),
            ("errors.mode", "'Mode' must not be empty.", "'Mode' tidak boleh kosong.")),
        ["domain refusal: a session in the future"] = new(400,
            id => s => s.Post.Json(Requests.LogSession(api.Now.AddDays(1))).ToUrl($"/cases/{id}/sessions"),
            ("detail", "A session cannot be logged before it is held: heldAt is in the future.",
                "Sesi tidak dapat dicatat sebelum dilaksanakan: heldAt berada di masa depan."),
            ("errors.heldAt", "A session cannot be logged before it is held: heldAt is in the future.",
                "Sesi tidak dapat dicatat sebelum dilaksanakan: heldAt berada di masa depan.")),
        ["domain refusal: an employment plan's past goal, with its date"] = new(400,
            id => s => s.Post.Json(new
                {
                    goals = new[] { new { occupation = "7223", targetDate = api.Today } },
                    actions = new[] { new { what = "Melamar ke lima lowongan", who = "worker", dueOn = api.Today.AddDays(7) } },
                }).ToUrl($"/cases/{id}/employment-plan"),
            ("detail", $"A goal's target date must lie ahead: {api.Today:yyyy-MM-dd} is not after today.",
                $"Tanggal target tujuan wajib di masa depan: {api.Today:yyyy-MM-dd} tidak setelah hari ini.")),
        ["access refusal: another counselor's case"] = new(403,
            id => s => { s.Get.Url($"/cases/{id}"); s.WithBearerToken(api.TokenFor("c-006", Role.Counselor, "bekasi")); },
            ("detail", "The case is assigned to another counselor.", "Kasus ini ditangani konselor lain.")),
        ["access refusal: a role the endpoint does not serve"] = new(403,
            id => s =>
            {
                s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{id}/sessions");
                s.WithBearerToken(api.TokenFor("a-001", Role.Auditor, null));
            },
            ("detail", "This needs the role counselor; the token's role is auditor.",
                "Ini memerlukan peran counselor; peran pada token adalah auditor.")),
        ["no token"] = new(401,
            id => s => { s.Get.Url($"/cases/{id}"); s.RemoveRequestHeader("Authorization"); },
            ("detail", "Send a bearer token: Authorization: Bearer <token>.", "Kirim token bearer: Authorization: Bearer <token>.")),
        ["If-Match mismatch"] = new(412,
            id => s => { s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{id}/sessions"); s.WithRequestHeader("If-Match", "\"1\""); },
            ("detail", "If-Match names version 1, but the case is at version 2. Read the case again (GET /cases/{id}) and retry with its ETag.",
                "If-Match menyebut versi 1, tetapi kasus sudah pada versi 2. Baca kasus lagi (GET /cases/{id}) lalu ulangi dengan ETag-nya.")),
        ["unknown office"] = new(404,
            _ => s => { s.Get.Url("/offices/tidak-ada/dashboard"); s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi")); },
            ("title", "No such office.", "Kantor tidak ditemukan."),
            ("detail", "There is no office with id 'tidak-ada'.", "Tidak ada kantor dengan id 'tidak-ada'.")),
        ["query parameters"] = new(400,
            _ => s => { s.Get.Url("/offices/bekasi/dashboard?from=kemarin"); s.WithBearerToken(api.TokenFor("s-001", Role.Supervisor, "bekasi")); },
            ("title", "The request has invalid query parameters.", "Permintaan memuat parameter kueri yang tidak sah."),
            ("errors.from", "'from' is a date written as yyyy-MM-dd.", "'from' adalah tanggal dengan format yyyy-MM-dd.")),
        ["unknown case"] = new(404,
            _ => s => s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{NoCase}/sessions"),
            ("detail", $"There is no case with id {NoCase}.", $"Tidak ada kasus dengan id {NoCase}.")),
    };

    private static readonly Guid NoCase = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    public static TheoryData<string> RowNames => new(
        "validation: the service's own messages",
        "validation: FluentValidation's own messages",
        "domain refusal: a session in the future",
        "domain refusal: an employment plan's past goal, with its date",
        "access refusal: another counselor's case",
        "access refusal: a role the endpoint does not serve",
        "no token",
        "If-Match mismatch",
        "unknown office",
        "query parameters",
        "unknown case");

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task A_refusal_reads_in_Bahasa_Indonesia_with_Accept_Language_id_and_in_English_without(string name)
    {
        var row = Rows[name];
        var caseId = await api.Host.OpenCaseAsync();

        var indonesian = await ProblemAsync(row, caseId, "id");
        var english = await ProblemAsync(row, caseId, null);

        foreach (var (path, inEnglish, inIndonesian) in row.Texts)
        {
            Text(indonesian, path).Should().Be(inIndonesian, because: $"{name}: {path} with Accept-Language: id");
            Text(english, path).Should().Be(inEnglish, because: $"{name}: {path} without Accept-Language");
        }
    }

    [Fact]
    public async Task A_closed_case_says_why_with_its_closure_reason_as_a_word_and_what_to_reopen_it_for()
    {
        var caseId = await api.Host.OpenCaseAsync();
        await api.Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "unreachable", notes = "Tiga kali dihubungi tanpa jawaban." }).ToUrl($"/cases/{caseId}/closure");
            s.StatusCodeShouldBe(200);
        });
        var row = new Row(409, id => s => s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{id}/sessions"),
            ("detail", "The case is closed (Unreachable): reopen it before logging a session.",
                "Kasus sudah ditutup (tidak dapat dihubungi): buka kembali kasus sebelum mencatat sesi."));

        foreach (var (path, inEnglish, inIndonesian) in row.Texts)
        {
            Text(await ProblemAsync(row, caseId, "id-ID,id;q=0.9"), path).Should().Be(inIndonesian);
            Text(await ProblemAsync(row, caseId, "en-US"), path).Should().Be(inEnglish);
        }
    }

    private async Task<JsonElement> ProblemAsync(Row row, Guid caseId, string? language)
    {
        var result = await api.Host.Scenario(s =>
        {
            row.Request(caseId)(s);
            if (language is not null) s.WithRequestHeader("Accept-Language", language);
            s.StatusCodeShouldBe(row.Status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    private static string? Text(JsonElement problem, string path) => path.Split('.') switch
    {
        ["errors", var field] => problem.GetProperty("errors").GetProperty(field)[0].GetString(),
        [var property] => problem.GetProperty(property).GetString(),
        _ => throw new ArgumentException(path),
    };
}
