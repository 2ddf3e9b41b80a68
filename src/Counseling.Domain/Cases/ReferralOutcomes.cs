namespace Counseling.Domain.Cases;

/// <summary>A referral of either kind as the decision on its outcome reads it (<see cref="JobReferral"/>, <see cref="TrainingReferral"/>).</summary>
public interface IReferral<TOutcome> where TOutcome : struct, Enum
{
    Guid Id { get; }
    DateOnly ReferredOn { get; }
    TOutcome? Outcome { get; }
    bool IsOpen { get; }
}

/// <summary>A command that records what came of a referral of either kind, against the referral's id.</summary>
public interface IRecordReferralOutcome<TOutcome> : ICaseCommand where TOutcome : struct, Enum
{
    Guid ReferralId { get; }
    TOutcome Outcome { get; }
    DateOnly On { get; }
}

/// <summary>
/// What tells one kind of referral from the other when an outcome is recorded against it: where the case keeps them,
/// what a refusal names one by (the employer, the programme), the event that records the outcome and the wordings of
/// its refusals. The decision itself, the same for both kinds, is <see cref="RecordOutcome"/>.
/// </summary>
internal sealed record ReferralKind<TReferral, TOutcome>(
    Func<CounselingCase, IReadOnlyList<TReferral>> OfCase,
    Func<TReferral, string> Named,
    Func<Guid, TOutcome, DateOnly, object> Recorded,
    Wording ToRecordOutcome,
    Wording NoSuchReferral,
    Wording ReferralEnded,
    Wording AlreadyHasOutcome)
    where TReferral : class, IReferral<TOutcome>
    where TOutcome : struct, Enum
{
    /// <summary>
    /// An outcome recorded against an open referral: the case open, the referral known and not ended, the outcome not the
    /// one it has, dated when it happened and not before the referral. <paramref name="kindRule"/> is a kind's own rule on
    /// which outcomes its referral may have (a competency test's), checked before the date as it always was.
    /// </summary>
    public Decision RecordOutcome(
        CounselingCase current, IRecordReferralOutcome<TOutcome> command, DateTimeOffset now, Func<TReferral, TOutcome, Refusal?>? kindRule = null)
    {
        if (current.MustBeOpen(ToRecordOutcome) is { } closed) return closed;

        var referral = OfCase(current).FirstOrDefault(r => r.Id == command.ReferralId);
        if (referral is null)
            return Refusal.NotFound("referralId", NoSuchReferral, command.ReferralId);
        if (!referral.IsOpen)
            return Refusal.Conflict(ReferralEnded, Named(referral), referral.Outcome);
        if (referral.Outcome is { } known && EqualityComparer<TOutcome>.Default.Equals(known, command.Outcome))
            return Refusal.Conflict(AlreadyHasOutcome, Named(referral), command.Outcome);
        if (kindRule?.Invoke(referral, command.Outcome) is { } notForThisKind) return notForThisKind;
        if (current.MustHaveHappened(command.On, "on", now) is { } badDate) return badDate;
        if (command.On < referral.ReferredOn)
            return Refusal.Invalid("on", Why.OutcomeBeforeReferral, referral.ReferredOn);

        return Decision.Accept(Recorded(command.ReferralId, command.Outcome, command.On));
    }
}
