namespace Counseling.Domain.Cases.Corrections;

// A correction amends a fact recorded earlier, saying why. The first record stays in the stream as it was (history
// shows both); the case reads the corrected value from then on. A correction mends the record whatever the case's
// state, so a closed case is corrected too.

/// <summary>
/// A session's time or length was corrected. <paramref name="LastContactAt"/>: the case's last contact after it (the
/// latest of its sessions as corrected); absent from corrections recorded before it was added.
/// </summary>
public sealed record SessionCorrected(
    Guid SessionId, DateTimeOffset HeldAt, int DurationMinutes, [property: PersonalData] string Reason, DateOnly On, DateTimeOffset? LastContactAt = null) : ICaseEvent, INarrated
{
    // The correction names the last contact it leaves (decided on every session of the case); one recorded before
    // it did is taken to move the last contact only forward.
    public CounselingCase Apply(CounselingCase current) => current with
    {
        LastContactAt = LastContactAt ?? CounselingCase.Latest(current.LastContactAt, HeldAt),
    };

    public Narration Narrate() => Narration.Of("Narrative.SessionCorrected", SessionId, On, HeldAt, DurationMinutes);
}

/// <summary>The employer named on a job referral was corrected.</summary>
public sealed record JobReferralCorrected(Guid ReferralId, string Employer, [property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        JobReferrals = [.. current.JobReferrals.Select(r => r.Id == ReferralId ? r with { Employer = Employer } : r)],
    };

    public Narration Narrate() => Narration.Of("Narrative.JobReferralCorrected", ReferralId, On, Employer);
}

/// <summary>The worker's phone number was corrected.</summary>
public sealed record WorkerPhoneCorrected([property: PersonalData] string Phone, [property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with { Worker = current.Worker with { Phone = Phone } };

    public Narration Narrate() => Narration.Of("Narrative.PhoneCorrected", On);
}

/// <param name="Recorded">The case's sessions as its events record them (<see cref="SessionLog"/>): the case keeps none.</param>
public sealed record CorrectSession(
    Guid SessionId, DateTimeOffset? HeldAt, int? DurationMinutes, string Reason, IReadOnlyList<SessionHeld> Recorded) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (Recorded.FirstOrDefault(s => s.Id == SessionId) is not { } session)
            return Refusal.NotFound("sessionId", Why.NoSuchSession, SessionId);
        var heldAt = HeldAt ?? session.HeldAt;
        var duration = DurationMinutes ?? session.DurationMinutes;
        if (heldAt == session.HeldAt && duration == session.DurationMinutes)
            return Refusal.Conflict(Why.CorrectionChangesNothing);
        if (heldAt > now) return Refusal.Invalid("heldAt", Why.CorrectedSessionInFuture);
        if (Wib.DateOf(heldAt) < current.OpenedOn)
            return Refusal.Invalid("heldAt", Why.SessionBeforeCaseOpened, current.OpenedOn);

        var lastContact = Recorded.Max(s => s.Id == SessionId ? heldAt : s.HeldAt);
        return Decision.Accept(new SessionCorrected(SessionId, heldAt, duration, Reason, Wib.DateOf(now), lastContact));
    }
}

public sealed record CorrectJobReferral(Guid ReferralId, string Employer, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.JobReferrals.FirstOrDefault(r => r.Id == ReferralId) is not { } referral)
            return Refusal.NotFound("referralId", Why.NoSuchJobReferral, ReferralId);
        if (referral.Employer == Employer) return Refusal.Conflict(Why.ReferralAlreadyNames, Employer);

        return Decision.Accept(new JobReferralCorrected(ReferralId, Employer, Reason, Wib.DateOf(now)));
    }
}

/// <summary>After an erasure there is no phone number to correct: the worker's personal data is gone.</summary>
public sealed record CorrectWorkerPhone(string Phone, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) =>
        current.PersonalDataErasedOn is { } erased
            ? Refusal.Conflict(Why.PhoneErased, erased)
            : Decision.Accept(new WorkerPhoneCorrected(Phone, Reason, Wib.DateOf(now)));
}
