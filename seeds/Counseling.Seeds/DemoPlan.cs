using Counseling.Api.Access;
using Counseling.Domain.Cases;

namespace Counseling.Seeds;

/// <summary>One command as a user gave it at a moment: a counselor on their case, or a supervisor reassigning it.</summary>
public sealed record DemoStep(
    DateTimeOffset At, Guid CaseId, string OfficeId, string RecordedBy, Role Role, object Command, string CorrelationId, string CausationId);

/// <summary>
/// One worker's journey: the steps to record and the events the domain decided on them while planning (with the
/// worker's details in plain text; the store holds NIK and phone encrypted). <see cref="GraduatedOn"/> is the day a
/// BLK course or apprenticeship was completed; <see cref="LastDay"/> the day after which nothing more was recorded.
/// </summary>
public sealed record DemoJourney(
    int Number,
    Guid CaseId,
    string OfficeId,
    IReadOnlyList<DemoStep> Steps,
    IReadOnlyList<object> Events,
    CounselingCase Final,
    DateOnly? GraduatedOn,
    DateOnly LastDay);

/// <summary>Every journey of one demo, ending before <see cref="Anchor"/> (the start of the day it was planned for, WIB).</summary>
public sealed record DemoPlan(int Seed, DateTimeOffset Anchor, IReadOnlyList<DemoJourney> Journeys)
{
    /// <summary>All steps as the office recorded them, day by day across cases; stable for steps at the same moment.</summary>
    public IEnumerable<DemoStep> StepsInTimeOrder => Journeys.SelectMany(j => j.Steps).OrderBy(s => s.At);

    /// <summary>The start of <paramref name="now"/>'s day in WIB: a demo planned on one day is the same all that day.</summary>
    public static DateTimeOffset AnchorFor(DateTimeOffset now) =>
        new(Wib.DateOf(now).ToDateTime(TimeOnly.MinValue), Wib.Offset);
}
