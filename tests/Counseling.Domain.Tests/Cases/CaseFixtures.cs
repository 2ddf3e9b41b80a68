using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Intake;

namespace Counseling.Domain.Tests.Cases;

/// <summary>Ready-made facts for domain tests: one worker laid off from a Bekasi factory.</summary>
internal static class CaseFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, Wib.Offset);

    /// <summary>The office's date at <see cref="Now"/>.</summary>
    public static DateOnly Today => Wib.DateOf(Now);

    public static WorkerDetails Worker() =>
        WorkerDetails.Of("3216061505900001", "Siti Rahmawati", new DateOnly(1990, 5, 15), "081234567890", "20012345678");

    public static EndedEmployment Employment(TerminationReason reason = TerminationReason.Efficiency) =>
        new("PT Sinar Cikarang Plastik", "Operator Injection Moulding", new DateOnly(2026, 10, 31), reason, 5_200_000);

    public static OpenCase OpenCaseCommand(TerminationReason reason = TerminationReason.Efficiency, int contributionMonths = 24) =>
        new(Guid.NewGuid(), "bekasi", "c-001", Worker(), Employment(reason), "JKP-2026-000123", contributionMonths,
            Contributions: new ContributionHistory(Math.Min(24, contributionMonths), Math.Min(24, contributionMonths)),
            Participation: new Participation(IndonesianCitizen: true, JoinedOn: new DateOnly(2014, 3, 1), EnrolledInJkn: true),
            Contract: new EmploymentContract(EmploymentContractType.Permanent, null));

    /// <summary>
    /// A case opened by counselor c-001, ten days before <see cref="Now"/> unless told otherwise
    /// (a case opened earlier than the usual termination date gets a layoff a week before its opening).
    /// </summary>
    public static CounselingCase OpenedCase(DateTimeOffset? openedAt = null)
    {
        var at = openedAt ?? Now.AddDays(-10);
        var command = OpenCaseCommand();
        if (command.Employment.TerminationDate > Wib.DateOf(at))
            command = command with { Employment = command.Employment with { TerminationDate = Wib.DateOf(at).AddDays(-7) } };
        var events = CounselingCase.Decide(null, command, at).Events;
        return events.Aggregate((CounselingCase?)null, CounselingCase.Evolve)! with { Version = events.Count };
    }

    // Facts to build a case's history with (see After).

    public static SelfAssessmentRecorded Assessed(Readiness readiness = Readiness.ReadyForWork, DateOnly? on = null) =>
        new(Guid.NewGuid(), on ?? Today.AddDays(-5), EducationLevel.VocationalHighSchool, ["injection moulding"], ["manufacturing"],
            "Shift work in Cikarang", ["Machine operator"], readiness);

    public static JobReferralMade JobReferred(Guid? referralId = null, DateOnly? on = null) =>
        new(referralId ?? Guid.NewGuid(), "LOKER-BKS-0042", "PT Maju Jaya Plastindo", "Operator Produksi", on ?? Today.AddDays(-5));

    public static JobReferralOutcomeRecorded JobOutcomeFor(Guid referralId, JobReferralOutcome outcome, DateOnly? on = null) =>
        new(referralId, outcome, on ?? Today.AddDays(-2));

    public static TrainingReferralMade TrainingReferred(TrainingKind kind = TrainingKind.Course, Guid? referralId = null) =>
        new(referralId ?? Guid.NewGuid(), "BLK Bekasi", "Operator Mesin CNC", kind, Today.AddDays(-4), Today.AddDays(-5));

    public static TrainingReferralOutcomeRecorded TrainingOutcomeFor(Guid referralId, TrainingOutcome outcome, DateOnly? on = null) =>
        new(referralId, outcome, on ?? Today.AddDays(-2));

    public static WorkerPlaced Placed(DateOnly? startsOn = null, Guid? placementId = null, Guid? jobReferralId = null) =>
        new(placementId ?? Guid.NewGuid(), "PT Maju Jaya Plastindo", "Operator Produksi", startsOn ?? Today.AddDays(-3),
            5_400_000, ContractType.FixedTerm, jobReferralId);

    public static PlacementFollowedUp FollowedUp(WorkerPlaced placement, bool stillEmployed) =>
        new(placement.PlacementId, placement.StartsOn.AddMonths(3), stillEmployed, "Dihubungi lewat telepon.");

    public static SelfEmploymentStarted SelfEmployed(DateOnly? startsOn = null) =>
        new("Warung makan", startsOn ?? Today.AddDays(-3));

    public static CaseClosed Closed(ClosureReason reason = ClosureReason.Other) => new(reason, Today.AddDays(-1), "Ditutup.");

    /// <summary>The case after these events, applied in order with <see cref="CounselingCase.Evolve"/>.</summary>
    public static CounselingCase After(this CounselingCase current, params object[] events) =>
        events.Aggregate(current, (state, @event) => CounselingCase.Evolve(state, @event)!);

    /// <summary>Asserts the decision accepted exactly the expected event (compared member by member) and returns it.</summary>
    public static T ShouldAccept<T>(this Decision decision, T expected) where T : class
    {
        decision.Refusal.Should().BeNull();
        var accepted = decision.Events.Should().ContainSingle().Which.Should().BeOfType<T>().Subject;
        accepted.Should().BeEquivalentTo(expected, options => options.ComparingByMembers<T>().WithStrictOrdering());
        return accepted;
    }

    /// <summary>Asserts the decision refused with this kind, naming this field (or none), and decided no events.</summary>
    public static Refusal ShouldRefuse(this Decision decision, RefusalKind kind, string? field = null)
    {
        decision.Events.Should().BeEmpty();
        decision.IsRefused.Should().BeTrue();
        var refusal = decision.Refusal!;
        refusal.Kind.Should().Be(kind, because: refusal.Reason);
        refusal.Field.Should().Be(field, because: refusal.Reason);
        refusal.Reason.Should().NotBeNullOrWhiteSpace();
        return refusal;
    }
}
