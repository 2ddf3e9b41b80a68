using System.Text.Json;
using Counseling.Api.ReferenceData;

namespace Counseling.Api.Demo;

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
