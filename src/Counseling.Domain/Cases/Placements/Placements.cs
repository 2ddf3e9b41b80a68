using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Placements;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>The worker started a job.</summary>
    public sealed record WorkerPlaced(
        Guid PlacementId,
        string Employer,
        string Position,
        DateOnly StartsOn,
        long MonthlyWageRupiah,
        ContractType ContractType,
        Guid? JobReferralId) : ICaseEvent, IBenefitEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            Placement = new Placement(PlacementId, Employer, Position, StartsOn, MonthlyWageRupiah, null),
        };

        // The first job ends the right, whichever order the placements were recorded in.
        public BenefitHistory Apply(BenefitHistory current) =>
            current.FirstPlacementStartsOn is { } earlier && earlier <= StartsOn ? current : current with { FirstPlacementStartsOn = StartsOn };

        public Narration Narrate() => Narration.Of("Narrative.Placed", Position, Employer, StartsOn, ContractType, MonthlyWageRupiah)
            .ThenOrStop(JobReferralId is not null, "Narrative.ThroughReferral", JobReferralId);
    }

    /// <summary>The worker started a business of their own (wirausaha).</summary>
    public sealed record SelfEmploymentStarted(string BusinessType, DateOnly StartsOn) : ICaseEvent, IBenefitEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with { SelfEmployedSince = StartsOn };

        public BenefitHistory Apply(BenefitHistory current) =>
            current.SelfEmployedSince is { } earlier && earlier <= StartsOn ? current : current with { SelfEmployedSince = StartsOn };

        public Narration Narrate() => Narration.Of("Narrative.SelfEmployment", BusinessType, StartsOn);
    }

    /// <summary>Three months or more after a placement, the counselor checked whether the worker still has the job.</summary>
    public sealed record PlacementFollowedUp(Guid PlacementId, DateOnly On, bool StillEmployed, [property: PersonalData] string Notes) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            Placement = current.Placement! with { StillEmployed = StillEmployed },
        };

        public Narration Narrate() => Narration.Of("Narrative.PlacementFollowedUp", On,
            Narration.Of(StillEmployed ? "Narrative.StillEmployed" : "Narrative.NoLongerEmployed"));
    }
}

namespace Counseling.Domain.Cases.Placements
{
    public sealed record PlaceWorker(
        Guid PlacementId,
        string Employer,
        string Position,
        DateOnly StartsOn,
        long MonthlyWageRupiah,
        ContractType ContractType,
        Guid? JobReferralId) : ICaseCommand
    {
        /// <summary>A placement pays a wage: at least one rupiah a month. The request's validator declares the same bound.</summary>
        public const long MinimumMonthlyWageRupiah = 1;

        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Place(this, now);
    }

    public sealed record StartSelfEmployment(string BusinessType, DateOnly StartsOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.StartSelfEmployment(this, now);
    }

    public sealed record FollowUpPlacement(DateOnly On, bool StillEmployed, string Notes) : ICaseCommand
    {
        /// <summary>The placement follow-up is made three months after the worker started.</summary>
        public const int AfterMonths = 3;

        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.FollowUp(this, now);
    }

    internal static class PlacementDecisions
    {

        internal static Decision Place(this CounselingCase current, PlaceWorker command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToRecordPlacement) is { } closed) return closed;
            if (AlreadyWorking(current) is { } working) return working;
            if (command.MonthlyWageRupiah < PlaceWorker.MinimumMonthlyWageRupiah)
                return Refusal.Invalid("monthlyWage", Why.WageNotPositive);
            if (current.MustHaveHappened(command.StartsOn, "startsOn", now) is { } badDate) return badDate;
            if (command.JobReferralId is { } referralId)
            {
                var referral = current.JobReferrals.FirstOrDefault(r => r.Id == referralId);
                if (referral is null)
                    return Refusal.NotFound("jobReferralId", Why.NoSuchJobReferral, referralId);
                if (referral.Outcome is JobReferralOutcome.Rejected or JobReferralOutcome.NoShow or JobReferralOutcome.Withdrawn)
                    return Refusal.Conflict(Why.ReferralEndedWithoutHire, referral.Employer, referral.Outcome);
            }

            return Decision.Accept(new WorkerPlaced(
                command.PlacementId, command.Employer, command.Position, command.StartsOn,
                command.MonthlyWageRupiah, command.ContractType, command.JobReferralId));
        }

        internal static Decision StartSelfEmployment(this CounselingCase current, StartSelfEmployment command, DateTimeOffset now) =>
            CaseRules.FirstRefusalOr(
                new SelfEmploymentStarted(command.BusinessType, command.StartsOn),
                current.MustBeOpen(Why.ToRecordSelfEmployment),
                AlreadyWorking(current),
                current.MustHaveHappened(command.StartsOn, "startsOn", now));

        internal static Decision FollowUp(this CounselingCase current, FollowUpPlacement command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToFollowUpPlacement) is { } closed) return closed;
            if (current.Placement is not { } placement)
                return Refusal.Conflict(Why.NoPlacementToFollowUp);
            if (placement.StillEmployed is not null)
                return Refusal.Conflict(Why.PlacementAlreadyFollowedUp, placement.Employer);
            if (current.MustHaveHappened(command.On, "on", now) is { } badDate) return badDate;
            var due = placement.StartsOn.AddMonths(FollowUpPlacement.AfterMonths);
            if (command.On < due)
                return Refusal.NotAllowed("on", Why.FollowUpTooEarly, FollowUpPlacement.AfterMonths, due);

            return Decision.Accept(new PlacementFollowedUp(placement.Id, command.On, command.StillEmployed, command.Notes));
        }

        private static Refusal? AlreadyWorking(CounselingCase current) =>
            current.IsPlaced ? Refusal.Conflict(Why.AlreadyPlaced, current.Placement!.Employer)
            : current.IsSelfEmployed ? Refusal.Conflict(Why.AlreadySelfEmployed)
            : null;
    }
}
