using Counseling.Domain.Cases.Benefit;

namespace Counseling.Domain.Cases
{
    /// <summary>
    /// BPJS Ketenagakerjaan approved the worker's JKP claim (declared it eligible, "dinyatakan memenuhi syarat") on
    /// <paramref name="ApprovedOn"/>. The day decides which rules pay the claim: one approved on or after 7 February 2025 is
    /// paid under PP 6/2025 throughout (Permenaker 2/2025 Pasal II; see <see cref="Benefit.BenefitRuleSet.ApprovalTransitionSource"/>).
    /// </summary>
    public sealed record JkpClaimApproved(DateOnly ApprovedOn) : IBenefitEvent, INarrated
    {
        public BenefitHistory Apply(BenefitHistory current) => current with { ClaimApprovedOn = ApprovedOn };

        public Narration Narrate() => Narration.Of("Narrative.JkpClaimApproved", ApprovedOn);
    }

    /// <summary>Why recording the claim's approval is refused (see <see cref="ClaimApproval.ClaimApprovalDecisions"/>).</summary>
    public static partial class Why
    {
        public static readonly Wording ClaimAlreadyApproved = new(nameof(ClaimAlreadyApproved), "The JKP claim's approval by BPJS Ketenagakerjaan was already recorded: {0:yyyy-MM-dd}.");
        public static readonly Wording ApprovalBeforeClaim = new(nameof(ApprovalBeforeClaim), "{0:yyyy-MM-dd} is before the JKP claim of {1:yyyy-MM-dd}: a claim is approved after it is made.");
    }
}

namespace Counseling.Domain.Cases.ClaimApproval
{
    /// <summary>Record the day BPJS Ketenagakerjaan approved the claim: once, not before the claim, not in the future.</summary>
    public sealed record RecordClaimApproval(DateOnly ApprovedOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RecordClaimApproval(this, now);
    }

    internal static class ClaimApprovalDecisions
    {
        internal static Decision RecordClaimApproval(this CounselingCase current, RecordClaimApproval command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToRecordClaimApproval) is { } closed) return closed;
            var benefit = current.Benefit!;
            if (benefit.ClaimApprovedOn is { } approved) return Refusal.Conflict(Why.ClaimAlreadyApproved, approved);
            if (command.ApprovedOn > Wib.DateOf(now)) return Refusal.Invalid("approvedOn", Why.InTheFuture, command.ApprovedOn);
            if (command.ApprovedOn < benefit.Claim.ClaimedOn)
                return Refusal.Invalid("approvedOn", Why.ApprovalBeforeClaim, command.ApprovedOn, benefit.Claim.ClaimedOn);

            return Decision.Accept(new JkpClaimApproved(command.ApprovedOn));
        }
    }
}
