using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Closure;

// The step's events are declared in Counseling.Domain.Cases, the namespace they were stored under; its command and
// decision below.

namespace Counseling.Domain.Cases
{
    /// <summary>
    /// The case was closed on <paramref name="On"/>. <paramref name="DiedOn"/>: for a closure as <see cref="ClosureReason.Died"/>,
    /// the day of death, from which the JKP right lapses (PP 6/2025 Pasal 40); closures stored before it was recorded have none,
    /// and their day of death is taken to be the closure day.
    /// </summary>
    public sealed record CaseClosed(ClosureReason Reason, DateOnly On, [property: PersonalData] string Notes, DateOnly? DiedOn = null) : ICaseEvent, IBenefitEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with
        {
            ClosedBecause = Reason,
            NextFollowUpOn = null,
        };

        // Only a death ends the right. Closures stored before the day of death was recorded take the closure day as the
        // day of death, as they were decided.
        public BenefitHistory Apply(BenefitHistory current) =>
            Reason == ClosureReason.Died ? current with { DiedOn = DiedOn ?? On } : current;

        public Narration Narrate() => DiedOn is { } died
            ? Narration.Of("Narrative.ClosedAfterDeath", On, died)
            : Narration.Of("Narrative.Closed", On, Reason);
    }

    public sealed record CaseReopened([property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
    {
        public CounselingCase Apply(CounselingCase current) => current with { ClosedBecause = null };

        public Narration Narrate() => Narration.Of("Narrative.Reopened", On, Reason);
    }
}

namespace Counseling.Domain.Cases.Closure
{
    /// <summary>Close the case; <paramref name="DiedOn"/> is the day of death, required when (and only when) the worker died.</summary>
    public sealed record CloseCase(ClosureReason Reason, string Notes, DateOnly? DiedOn = null) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Close(this, now);
    }

    public sealed record ReopenCase(string Reason) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Reopen(this, now);
    }

    internal static class ClosureDecisions
    {
        internal static Decision Close(this CounselingCase current, CloseCase command, DateTimeOffset now)
        {
            if (current.IsClosed) return Refusal.Conflict(Why.AlreadyClosed, current.ClosedBecause);
            if (command.Reason == ClosureReason.Placed && !current.IsPlaced)
                return Refusal.Conflict(Why.ClosedAsPlacedTooSoon);
            if (command.Reason == ClosureReason.SelfEmployed && !current.IsSelfEmployed)
                return Refusal.Conflict(Why.ClosedAsSelfEmployedTooSoon);

            if (command.Reason == ClosureReason.BenefitPeriodEnded
                && JkpBenefit.For(current, Wib.DateOf(now)) is { EndedBecause: null } running)
                return Refusal.NotAllowed("reason", Why.BenefitPeriodRunning, running.PeriodEnd, running.ClaimedOn,
                    BenefitRuleSets.Find(running.RuleSet)!.Quoted(nameof(BenefitRuleSet.AmountSource)));

            if (DeathDay(current, command, now) is { } badDeathDay) return badDeathDay;

            return Decision.Accept(new CaseClosed(command.Reason, Wib.DateOf(now), command.Notes, command.DiedOn));
        }

        /// <summary>
        /// A death is dated by the day of death, not the closure day: the right lapses from it (PP 6/2025 Pasal 40). It is
        /// needed for a closure as died, refused for any other, and lies between the PHK and the closure day.
        /// </summary>
        private static Refusal? DeathDay(CounselingCase current, CloseCase command, DateTimeOffset now)
        {
            if (command.Reason != ClosureReason.Died)
                return command.DiedOn is null ? null : Refusal.Invalid("diedOn", Why.DeathDayOnlyWhenDied, command.Reason);
            if (command.DiedOn is not { } died) return Refusal.Invalid("diedOn", Why.DeathDayRequired);
            if (died > Wib.DateOf(now)) return Refusal.Invalid("diedOn", Why.InTheFuture, died);
            if (current.Benefit is { Claim.TerminationDate: var phk } && died < phk)
                return Refusal.Invalid("diedOn", Why.BeforePhk, died, phk);
            return null;
        }

        internal static Decision Reopen(this CounselingCase current, ReopenCase command, DateTimeOffset now) =>
            current.IsClosed
                ? Decision.Accept(new CaseReopened(command.Reason, Wib.DateOf(now)))
                : Refusal.Conflict(Why.NotClosed);
    }
}
