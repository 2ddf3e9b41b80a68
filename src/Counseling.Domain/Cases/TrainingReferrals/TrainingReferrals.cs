using Counseling.Domain.Cases.TrainingReferrals;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>The worker was referred to training: a BLK course, an apprenticeship or a competency test.</summary>
    public sealed record TrainingReferralMade(
        Guid ReferralId,
        string Provider,
        string Programme,
        TrainingKind Kind,
        DateOnly StartsOn,
        DateOnly ReferredOn) : IReferralMade, ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            TrainingReferrals = [.. current.TrainingReferrals,
                new TrainingReferral(
                    ReferralId, Provider, Programme, Kind, StartsOn, ReferredOn, null)],
        };

        public Narration Narrate() => Narration.Of("Narrative.TrainingReferral", ReferredOn, Kind, Programme, Provider, StartsOn);
    }

    public sealed record TrainingReferralOutcomeRecorded(Guid ReferralId, TrainingOutcome Outcome, DateOnly On) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            TrainingReferrals = [.. current.TrainingReferrals.Select(r => r.Id == ReferralId ? r with { Outcome = Outcome } : r)],
        };

        public Narration Narrate() => Narration.Of("Narrative.TrainingReferralOutcome", ReferralId, Outcome, On);
    }
}

namespace Counseling.Domain.Cases.TrainingReferrals
{
    public sealed record ReferToTraining(Guid ReferralId, string Provider, string Programme, TrainingKind Kind, DateOnly StartsOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Refer(this, now);
    }

    public sealed record RecordTrainingOutcome(Guid ReferralId, TrainingOutcome Outcome, DateOnly On) : IRecordReferralOutcome<TrainingOutcome>
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RecordOutcome(this, now);
    }

    internal static class TrainingReferralDecisions
    {
        private static readonly IReadOnlySet<TrainingOutcome> CompetencyTestOutcomes =
            new HashSet<TrainingOutcome> { TrainingOutcome.CertifiedCompetent, TrainingOutcome.NotYetCompetent };

        /// <summary>Refers the worker to training today; the training itself may start later.</summary>
        internal static Decision Refer(this CounselingCase current, ReferToTraining command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToReferToTraining) is { } closed) return closed;
            if (command.StartsOn < current.OpenedOn)
                return Refusal.Invalid("startsOn", Why.TrainingBeforeCaseOpened, current.OpenedOn);

            return Decision.Accept(new TrainingReferralMade(
                command.ReferralId, command.Provider, command.Programme, command.Kind, command.StartsOn, Wib.DateOf(now)));
        }

        private static readonly ReferralKind<TrainingReferral, TrainingOutcome> Trainings = new(
            current => current.TrainingReferrals, referral => referral.Programme,
            (referralId, outcome, on) => new TrainingReferralOutcomeRecorded(referralId, outcome, on),
            Why.ToRecordTrainingOutcome, Why.NoSuchTrainingReferral, Why.TrainingReferralEnded, Why.TrainingHasOutcome);

        internal static Decision RecordOutcome(this CounselingCase current, RecordTrainingOutcome command, DateTimeOffset now) =>
            Trainings.RecordOutcome(current, command, now, OutcomeOfItsKind);

        /// <summary>A competency test ends as certified or not yet competent, and only a competency test does.</summary>
        private static Refusal? OutcomeOfItsKind(TrainingReferral referral, TrainingOutcome outcome)
        {
            var isTest = referral.Kind == TrainingKind.CompetencyTest;
            if (isTest == CompetencyTestOutcomes.Contains(outcome)) return null;
            return isTest
                ? Refusal.NotAllowed("outcome", Why.CompetencyTestOutcomes, TrainingOutcome.CertifiedCompetent, TrainingOutcome.NotYetCompetent, outcome)
                : Refusal.NotAllowed("outcome", Why.TrainingOutcomes,
                    referral.Kind, TrainingOutcome.Started, TrainingOutcome.Completed, TrainingOutcome.DroppedOut, outcome);
        }
    }
}
