namespace Counseling.Domain.Cases.Corrections;

// A correction amends a fact recorded earlier, saying why. The first record stays in the stream as it was (history
// shows both); the case reads the corrected value from then on. A correction mends the record whatever the case's
// state, so a closed case is corrected too.

/// <summary>A session's time or length was corrected.</summary>
public sealed record SessionCorrected(Guid SessionId, DateTimeOffset HeldAt, int DurationMinutes, string Reason, DateOnly On);

/// <summary>The employer named on a job referral was corrected.</summary>
public sealed record JobReferralCorrected(Guid ReferralId, string Employer, string Reason, DateOnly On);

/// <summary>The worker's phone number was corrected.</summary>
public sealed record WorkerPhoneCorrected(string Phone, string Reason, DateOnly On);

public sealed record CorrectSession(Guid SessionId, DateTimeOffset? HeldAt, int? DurationMinutes, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.Sessions.FirstOrDefault(s => s.Id == SessionId) is not { } session)
            return Refusal.NotFound("sessionId", $"The case has no session {SessionId}.");
        var heldAt = HeldAt ?? session.HeldAt;
        var duration = DurationMinutes ?? session.DurationMinutes;
        if (heldAt == session.HeldAt && duration == session.DurationMinutes)
            return Refusal.Conflict("The correction changes nothing: the session already reads so.");
        if (heldAt > now) return Refusal.Invalid("heldAt", "A session cannot be dated in the future.");
        if (Wib.DateOf(heldAt) < current.OpenedOn)
            return Refusal.Invalid("heldAt", $"The session is dated before the case was opened on {current.OpenedOn:yyyy-MM-dd}.");

        return Decision.Accept(new SessionCorrected(SessionId, heldAt, duration, Reason, Wib.DateOf(now)));
    }
}

public sealed record CorrectJobReferral(Guid ReferralId, string Employer, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.JobReferrals.FirstOrDefault(r => r.Id == ReferralId) is not { } referral)
            return Refusal.NotFound("referralId", $"The case has no job referral {ReferralId}.");
        if (referral.Employer == Employer) return Refusal.Conflict($"The referral already names {Employer}.");

        return Decision.Accept(new JobReferralCorrected(ReferralId, Employer, Reason, Wib.DateOf(now)));
    }
}

/// <summary>After an erasure there is no phone number to correct: the worker's personal data is gone.</summary>
public sealed record CorrectWorkerPhone(string Phone, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) =>
        current.PersonalDataErasedOn is { } erased
            ? Refusal.Conflict($"The worker's personal data was erased on {erased:yyyy-MM-dd}: there is no phone number to correct.")
            : Decision.Accept(new WorkerPhoneCorrected(Phone, Reason, Wib.DateOf(now)));
}
