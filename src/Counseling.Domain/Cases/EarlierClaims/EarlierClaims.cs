using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.EarlierClaims;

namespace Counseling.Domain.Cases
{
    /// <summary>
    /// An earlier JKP claim of the worker, made on <paramref name="ClaimedOn"/>, came to light after the intake (the worker
    /// remembered it, or BPJS Ketenagakerjaan named it). The claim is decided again with it: the further-claims rule
    /// (<see cref="Intake.IntakeRules.FurtherClaims"/>) may then find this claim too soon after it, or one claim too many,
    /// and the case view, the what-if and the rule impact show the claim as not entitled.
    /// </summary>
    public sealed record EarlierJkpClaimDisclosed(DateOnly ClaimedOn) : IBenefitEvent, INarrated
    {
        // Kept in date order, as the intake keeps the claims it was told of.
        public BenefitHistory Apply(BenefitHistory current) => current with
        {
            Claim = current.Claim with
            {
                EarlierClaims = [.. (current.Claim.EarlierClaims ?? []).Append(new EarlierJkpClaim(ClaimedOn)).OrderBy(c => c.ClaimedOn)],
            },
        };

        public Narration Narrate() => Narration.Of("Narrative.EarlierJkpClaimDisclosed", ClaimedOn);
    }

    /// <summary>Why recording an earlier claim is refused (see <see cref="EarlierClaims.EarlierClaimDecisions"/>).</summary>
    public static partial class Why
    {
        public static readonly Wording ToRecordEarlierClaim = new(nameof(ToRecordEarlierClaim), "recording an earlier JKP claim");
        public static readonly Wording EarlierClaimNotBeforePhk = new(nameof(EarlierClaimNotBeforePhk), "{0:yyyy-MM-dd} is not before this claim's PHK of {1:yyyy-MM-dd}: an earlier claim was made before it.");
        public static readonly Wording EarlierClaimAlreadyKnown = new(nameof(EarlierClaimAlreadyKnown), "The JKP claim of {0:yyyy-MM-dd} is already known as an earlier claim.");
    }
}

namespace Counseling.Domain.Cases.EarlierClaims
{
    /// <summary>Record an earlier JKP claim of the worker, disclosed after the intake: before this claim's PHK, once.</summary>
    public sealed record RecordEarlierClaim(DateOnly ClaimedOn) : ICaseCommand
    {
        public Decision Decide(CounselingCase current, DateTimeOffset now) => current.RecordEarlierClaim(this, now);
    }

    internal static class EarlierClaimDecisions
    {
        internal static Decision RecordEarlierClaim(this CounselingCase current, RecordEarlierClaim command, DateTimeOffset now)
        {
            if (current.MustBeOpen(Why.ToRecordEarlierClaim) is { } closed) return closed;
            var claim = current.Benefit!.Claim;
            if (command.ClaimedOn > Wib.DateOf(now)) return Refusal.Invalid("claimedOn", Why.InTheFuture, command.ClaimedOn);
            if (command.ClaimedOn >= claim.TerminationDate)
                return Refusal.Invalid("claimedOn", Why.EarlierClaimNotBeforePhk, command.ClaimedOn, claim.TerminationDate);
            if (claim.EarlierClaims?.Any(c => c.ClaimedOn == command.ClaimedOn) == true)
                return Refusal.Conflict(Why.EarlierClaimAlreadyKnown, command.ClaimedOn);

            return Decision.Accept(new EarlierJkpClaimDisclosed(command.ClaimedOn));
        }
    }
}
