using System.Reflection;
using System.Runtime.CompilerServices;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;

namespace Counseling.Api.Tests.PersonalData;

/// <summary>
/// Every text field of every event is either encrypted (marked [PersonalData] where the event is declared) or named
/// here as clear, with the reason in docs/personal-data.md: a field added later (a new contact detail, a new note) fails
/// this test until it is classified.
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
        // The erasure request's reference (as above) and the staff ids of who took it in and who approved it.
        "WorkerPersonalDataErasureRequested.RequestReference", "WorkerPersonalDataErasureRequested.RequestedBy",
        "WorkerPersonalDataErasureApproved.RequestReference", "WorkerPersonalDataErasureApproved.ApprovedBy",
        // Who did what, between which offices: ids, as in every event's metadata.
        "CaseTransferRequested.FromOfficeId", "CaseTransferRequested.ToOfficeId", "CaseTransferRequested.RequestedBy",
        "CaseTransferAccepted.FromOfficeId", "CaseTransferAccepted.ToOfficeId", "CaseTransferAccepted.FromCounselorId",
        "CaseTransferAccepted.ToCounselorId", "CaseTransferAccepted.AcceptedBy",
        "CaseTransferDeclined.ToOfficeId", "CaseTransferDeclined.DeclinedBy",
        "EmploymentPlanWritten.WrittenBy", "EmploymentPlanWritten.Goals[].Occupation", "EmploymentPlanApproved.ApprovedBy",
        "JobReferralCorrected.Employer",
    ];

    private static readonly HashSet<string> Encrypted =
    [
        "CaseOpened.Worker.Nik", "CaseOpened.Worker.FullName", "CaseOpened.Worker.BirthDate", "CaseOpened.Worker.Phone",
        "CaseOpened.Worker.BpjsMembershipNumber", "CaseOpened.JkpClaimReference",
        "CounselingSessionLogged.Notes", "SelfAssessmentRecorded.Skills", "SelfAssessmentRecorded.Interests",
        "SelfAssessmentRecorded.WorkPreferences", "PlacementFollowedUp.Notes", "CaseClosed.Notes", "CaseReopened.Reason",
        "CaseReassigned.Reason",
        "EmploymentPlanWritten.Actions[].What", "CaseTransferRequested.Reason", "CaseTransferDeclined.Reason",
        "SessionCorrected.Reason", "JobReferralCorrected.Reason", "WorkerPhoneCorrected.Phone", "WorkerPhoneCorrected.Reason",
    ];

    /// <summary>The records of the cases' namespace that are not events: the state, its parts, decisions.</summary>
    private static readonly HashSet<Type> NotEvents =
    [
        typeof(WorkerDetails), typeof(EndedEmployment), typeof(CounselingCase), typeof(JobReferral), typeof(TrainingReferral),
        typeof(Placement), typeof(JobSearchActivity), typeof(Refusal), typeof(Decision),
    ];

    /// <summary>
    /// The events of every capability's namespace: past-tense records (CaseOpened, EmploymentPlanWritten,
    /// JobSearchCommitmentMade), not the commands that decide them nor the state's parts.
    /// </summary>
    public static IEnumerable<Type> EventTypes() => typeof(CaseOpened).Assembly.GetTypes()
        .Where(t => t.Namespace is { } ns && ns.StartsWith(typeof(CaseOpened).Namespace!, StringComparison.Ordinal)
                    && t.IsSealed && t.GetMethod("<Clone>$") is not null && !NotEvents.Contains(t)
                    && !typeof(ICaseCommand).IsAssignableFrom(t)
                    && System.Text.RegularExpressions.Regex.IsMatch(t.Name, "(ed|Made|Written|FollowedUp)$"));

    private static bool IsDomainRecord(Type type) =>
        type.Assembly == typeof(CaseOpened).Assembly && type.IsClass && type.GetMethod("<Clone>$") is not null;

    private static Type? ListItemOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

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
                : IsDomainRecord(kind) ? Filled(kind)
                : ListItemOf(kind) is { } item && IsDomainRecord(item) ? ListOfOne(item, Filled(item))
                : null;
            if (value is not null) property.SetValue(instance, value);
        }
        return instance;
    }

    private static object ListOfOne(Type item, object value)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        list.Add(value);
        return list;
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
                case not null when IsDomainRecord(b.GetType()):
                    foreach (var inner in TextFields(path, b, a!)) yield return inner;
                    break;
                case System.Collections.IList { Count: 1 } items when IsDomainRecord(items[0]!.GetType()):
                    foreach (var inner in TextFields(path + "[]", items[0]!, ((System.Collections.IList)a!)[0]!)) yield return inner;
                    break;
            }
        }
    }
}
