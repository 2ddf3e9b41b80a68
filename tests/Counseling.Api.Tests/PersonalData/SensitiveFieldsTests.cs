using System.Reflection;
using System.Runtime.CompilerServices;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;

namespace Counseling.Api.Tests.PersonalData;

/// <summary>
/// Every text field of every event is either encrypted or named here as clear, with the reason in the README: a field
/// added later (a new contact detail, a new note) fails this test until it is classified.
/// </summary>
public class SensitiveFieldsTests
{
    private static readonly HashSet<string> Clear =
    [
        "CaseOpened.OfficeId", "CaseOpened.CounselorId", "CaseOpened.Employment.Employer", "CaseOpened.Employment.LastPosition",
        "SelfAssessmentRecorded.RecommendedOccupations",
        "JobReferralMade.VacancyReference", "JobReferralMade.Employer", "JobReferralMade.Position",
        "TrainingReferralMade.Provider", "TrainingReferralMade.Programme",
        "WorkerPlaced.Employer", "WorkerPlaced.Position",
        "SelfEmploymentStarted.BusinessType",
        "JobSearchActivityRecorded.Employer", "JobSearchActivityRecorded.Programme",
        "CaseReassigned.FromCounselorId", "CaseReassigned.ToCounselorId",
        "WorkerPersonalDataErased.RequestReference",
    ];

    private static readonly HashSet<string> Encrypted =
    [
        "CaseOpened.Worker.Nik", "CaseOpened.Worker.FullName", "CaseOpened.Worker.BirthDate", "CaseOpened.Worker.Phone",
        "CaseOpened.Worker.BpjsMembershipNumber", "CaseOpened.JkpClaimReference",
        "CounselingSessionLogged.Notes", "SelfAssessmentRecorded.Skills", "SelfAssessmentRecorded.Interests",
        "SelfAssessmentRecorded.WorkPreferences", "PlacementFollowedUp.Notes", "CaseClosed.Notes", "CaseReopened.Reason",
        "CaseReassigned.Reason",
    ];

    /// <summary>The records of the cases' namespace that are not events: the state, its parts, decisions.</summary>
    private static readonly HashSet<Type> NotEvents =
    [
        typeof(WorkerDetails), typeof(EndedEmployment), typeof(CounselingCase), typeof(JobReferral), typeof(TrainingReferral),
        typeof(Placement), typeof(JobSearchActivity), typeof(Refusal), typeof(Decision),
    ];

    public static IEnumerable<Type> EventTypes() => typeof(CaseOpened).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CaseOpened).Namespace && t.IsSealed && t.GetMethod("<Clone>$") is not null && !NotEvents.Contains(t));

    [Fact]
    public void Every_text_field_of_every_event_is_either_encrypted_or_deliberately_clear()
    {
        var seen = new Dictionary<string, bool>();
        foreach (var type in EventTypes())
        {
            var sample = Filled(type);
            var mapped = SensitiveFields.Map(sample, value => "ENCRYPTED:" + value);
            foreach (var (path, before, after) in TextFields(type.Name, sample, mapped))
                seen[path] = after != before;
        }

        seen.Keys.Should().BeEquivalentTo(Clear.Concat(Encrypted), "every text field is classified");
        seen.Where(f => f.Value).Select(f => f.Key).Should().BeEquivalentTo(Encrypted);
    }

    private static object Filled(Type type)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var kind = property.PropertyType;
            object? value = kind == typeof(string) ? property.Name
                : kind == typeof(IReadOnlyList<string>) ? new List<string> { property.Name }
                : kind == typeof(WorkerDetails) || kind == typeof(EndedEmployment) ? Filled(kind)
                : null;
            if (value is not null) property.SetValue(instance, value);
        }
        return instance;
    }

    private static IEnumerable<(string Path, string Before, string After)> TextFields(string prefix, object before, object after)
    {
        foreach (var property in before.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var path = $"{prefix}.{property.Name}";
            var (b, a) = (property.GetValue(before), property.GetValue(after));
            switch (b)
            {
                case string text: yield return (path, text, (string)a!); break;
                case IReadOnlyList<string> texts: yield return (path, string.Join(",", texts), string.Join(",", (IReadOnlyList<string>)a!)); break;
                case WorkerDetails or EndedEmployment:
                    foreach (var inner in TextFields(path, b, a!)) yield return inner;
                    break;
            }
        }
    }
}
