using Alba;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>Request bodies as a counselor's client would send them, and the calls most tests make.</summary>
public static class Requests
{
    public static object OpenCase(
        string officeId = "bekasi",
        string counselorId = "c-001",
        string? nik = null,
        string terminationReason = "efficiency",
        string? terminationDate = null,
        long lastMonthlyWage = 5_200_000,
        string? claimedOn = null) => new
    {
        officeId,
        counselorId,
        worker = new
        {
            nik = nik ?? NewNik(),
            fullName = "Siti Rahmawati",
            birthDate = "1990-05-15",
            phone = "081234567890",
            bpjsMembershipNumber = "20012345678",
        },
        employment = new
        {
            employer = "PT Sinar Cikarang Plastik",
            lastPosition = "Operator Injection Moulding",
            // Unless told, 30 days before the API fixture's pinned start, whatever the machine's date: well within the
            // claim window of every fixture that opens cases this way (their clocks start at or after that day).
            terminationDate = terminationDate ?? ApiFixture.StartDay.AddDays(-30).ToString("yyyy-MM-dd"),
            terminationReason,
            lastMonthlyWage,
            contractType = "permanent",
        },
        jkpClaimReference = "JKP-2026-000123",
        contributionMonths = 24,
        participation = new { indonesianCitizen = true, joinedOn = "2014-03-01", enrolledInJkn = true },
        claimedOn,
        contributionHistory = new { monthsPaidInLast24Months = 24, consecutiveMonthsBeforeTermination = 24 },
    };

    private static long _lastNik = 3216_0615_0000_0000 + Random.Shared.NextInt64(0, 9_000_000);

    /// <summary>
    /// A NIK no other intake of this run used: a worker has one open case at a time, so each test's intake is
    /// another worker unless the test says otherwise.
    /// </summary>
    public static string NewNik() => Interlocked.Increment(ref _lastNik).ToString();

    public static object LogSession(DateTimeOffset heldAt, string? nextFollowUpOn = null, string mode = "inPerson") => new
    {
        heldAt,
        mode,
        durationMinutes = 45,
        topics = new[] { "selfAssessmentResults", "labourMarketInformation" },
        notes = "Membahas hasil asesmen diri; info lowongan walk-in interview 308 posisi.",
        nextFollowUpOn,
    };

    public static async Task<Guid> OpenCaseAsync(this IAlbaHost host, object? request = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(request ?? OpenCase()).ToUrl("/cases");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Versioned>()).Id;
    }
}

public sealed record Versioned(Guid Id, long Version);
