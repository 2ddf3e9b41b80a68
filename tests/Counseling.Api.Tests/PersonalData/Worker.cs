using System.Text.Json;
using System.Text.Json.Nodes;
using Counseling.Api.Tests.Infrastructure;

namespace Counseling.Api.Tests.PersonalData;

/// <summary>
/// A worker whose every identifying value, and the notes written about them, are this worker's own: a search of
/// the database or of an answer for them finds nothing another test wrote.
/// </summary>
public sealed record Worker(string Nik, string FullName, string BirthDate, string Phone, string Bpjs, string JkpClaim, string Note)
{
    /// <summary>The case opened for this worker, once a test has opened one.</summary>
    public Guid? CaseId { get; init; }

    public static Worker New()
    {
        var n = Requests.NewNik();
        var tail = n[^6..];
        return new Worker(n, $"Ratna Kusumawardhani Nuraini {tail}", $"19{60 + int.Parse(tail[^2..]) % 30}-0{1 + int.Parse(tail[^1..]) % 9}-2{tail[^1]}",
            $"0813{tail}77", $"2009{tail}1", $"JKP-2026-{tail}", $"Anaknya dirawat di RSUD Cibitung, kamar {tail}");
    }

    /// <summary>Every value that must never be readable in the database.</summary>
    public IEnumerable<string> Secrets => [Nik, FullName, BirthDate, Phone, Bpjs, JkpClaim, Note];

    public JsonNode Intake()
    {
        var intake = JsonSerializer.SerializeToNode(Requests.OpenCase(nik: Nik))!;
        intake["worker"]!["fullName"] = FullName;
        intake["worker"]!["birthDate"] = BirthDate;
        intake["worker"]!["phone"] = Phone;
        intake["worker"]!["bpjsMembershipNumber"] = Bpjs;
        intake["jkpClaimReference"] = JkpClaim;
        // A participant joins before they are 54: this worker joined at 25.
        intake["participation"]!["joinedOn"] = DateOnly.Parse(BirthDate).AddYears(25).ToString("yyyy-MM-dd");
        return intake;
    }

    public object Session(DateTimeOffset heldAt) => new
    {
        heldAt,
        mode = "phone",
        durationMinutes = 20,
        topics = new[] { "other" },
        notes = Note,
        nextFollowUpOn = DateOnly.FromDateTime(heldAt.UtcDateTime.AddHours(7)).AddDays(7).ToString("yyyy-MM-dd"),
    };
}
