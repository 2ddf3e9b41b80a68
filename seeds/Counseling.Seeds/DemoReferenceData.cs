using System.Text.Json;
using Marten;
using Counseling.Api.ReferenceData;

namespace Counseling.Seeds;

/// <summary>A vacancy an office refers workers to; <see cref="Channel"/> says how it reached the office (walk-in interview, local hiring, ...).</summary>
public sealed record Vacancy(
    string Reference, string OfficeId, string Employer, string Position, string OccupationCode, int Openings,
    string Location, string Channel, long MonthlyWage);

/// <summary>A BLK course, an entrepreneurship course or a competency test (uji kompetensi) open to an office's workers.</summary>
public sealed record TrainingProgramme(
    string Id, string OfficeId, string Provider, string Programme, string Kind, int DurationDays, string? OccupationCode);

/// <summary>A company that takes apprentices (pemagangan) from an office's workers.</summary>
public sealed record ApprenticeshipPartner(
    string Id, string OfficeId, string Company, string Programme, int DurationDays, string OccupationCode);

/// <summary>A KBJI 2014 occupation (four-digit unit group), as self-assessments recommend them.</summary>
public sealed record Occupation(string Code, string Title);

public sealed record Supervisor(string Id, string FullName, string OfficeId);

/// <summary>Everything the demo journeys draw on, read from the seeds folder beside the service.</summary>
public sealed record DemoReferenceData(
    IReadOnlyList<Office> Offices,
    IReadOnlyList<Counselor> Counselors,
    IReadOnlyList<Supervisor> Supervisors,
    IReadOnlyList<Vacancy> Vacancies,
    IReadOnlyList<TrainingProgramme> Programmes,
    IReadOnlyList<ApprenticeshipPartner> ApprenticeshipPartners,
    IReadOnlyList<Occupation> Occupations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The day the seeds' certificates describe: c-002's expired a few months before it, the others run for years
    /// after it. The demo keeps that story on whatever day it is seeded (see <see cref="RenewedFor"/>).
    /// </summary>
    public static readonly DateOnly SeedsDescribe = new(2026, 11, 23);

    /// <summary>
    /// The reference data as it stands on <paramref name="anchorDay"/>: each counselor's certificate moved on by the
    /// whole years from <see cref="SeedsDescribe"/> to that day, as offices renew them, so that a demo seeded in 2029 or
    /// 2035 has the certified counselors (and the one lapsed certificate) that a demo seeded today has.
    /// </summary>
    public DemoReferenceData RenewedFor(DateOnly anchorDay)
    {
        var years = anchorDay.Year - SeedsDescribe.Year - (anchorDay.DayOfYear < SeedsDescribe.DayOfYear ? 1 : 0);
        if (years <= 0) return this;
        return this with
        {
            Counselors = [.. Counselors.Select(c => c.Certificate is not { } certificate ? c : c with
            {
                Certificate = certificate with
                {
                    IssuedOn = certificate.IssuedOn.AddYears(years),
                    ExpiresOn = certificate.ExpiresOn.AddYears(years),
                },
            })],
        };
    }

    /// <summary>
    /// The registered counselors hold the certificates this reference data has (see <see cref="RenewedFor"/>): a renewal of each that the seeds' dates have
    /// left behind, recorded like one through the API (as the seeds' system actor).
    /// </summary>
    public async Task RecordRenewalsAsync(IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        CounselorStreams.StampSeed(session);
        var registered = (await session.LoadManyAsync<Counselor>([.. Counselors.Select(c => c.Id)]))
            .ToDictionary(c => c.Id);
        foreach (var (known, renewed) in Counselors
                     .Where(c => registered.ContainsKey(c.Id)).Select(c => (Known: registered[c.Id], c.Certificate))
                     .Where(r => r.Certificate is { } certificate && (r.Known.Certificate is null || r.Known.Certificate.ExpiresOn < certificate.ExpiresOn)))
            // Only the certificate: a name or office changed through the API stays as it is.
            await CounselorStreams.RegisterAsync(session, known, known with { Certificate = renewed }, CancellationToken.None);
        await session.SaveChangesAsync();
    }

    public static DemoReferenceData Load(string? seedsFolder = null)
    {
        var folder = seedsFolder ?? ReferenceDataSeed.SeedsFolder;
        T[] Read<T>(string file) =>
            JsonSerializer.Deserialize<T[]>(File.ReadAllText(Path.Combine(folder, file)), Json)
            ?? throw new InvalidDataException($"{file} in {folder} holds no list.");

        return new DemoReferenceData(
            Read<Office>("offices.json"),
            Read<Counselor>("counselors.json"),
            Read<Supervisor>("supervisors.json"),
            Read<Vacancy>("vacancies.json"),
            Read<TrainingProgramme>("training-programmes.json"),
            Read<ApprenticeshipPartner>("apprenticeship-partners.json"),
            Read<Occupation>("kbji.json"));
    }
}
