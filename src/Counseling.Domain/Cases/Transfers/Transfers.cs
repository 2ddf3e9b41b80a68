using Counseling.Domain.Counselors;

namespace Counseling.Domain.Cases.Transfers;

/// <summary>A transfer asked of another office and not yet answered: the case stays where it is meanwhile.</summary>
public sealed record PendingTransfer(Guid TransferId, string ToOfficeId, string RequestedBy, DateOnly RequestedOn);

/// <summary>The origin office's supervisor asked another office to take the case over.</summary>
public sealed record CaseTransferRequested(
    Guid TransferId, string FromOfficeId, string ToOfficeId, string RequestedBy, [property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        PendingTransfer = new PendingTransfer(TransferId, ToOfficeId, RequestedBy, On),
    };

    public Narration Narrate() => Narration.Of("Narrative.TransferRequested", FromOfficeId, ToOfficeId, RequestedBy, On);
}

/// <summary>The destination office's supervisor took the case over and gave it to one of its counselors.</summary>
public sealed record CaseTransferAccepted(
    Guid TransferId, string FromOfficeId, string ToOfficeId, string FromCounselorId, string ToCounselorId, string AcceptedBy, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with
    {
        OfficeId = ToOfficeId, CounselorId = ToCounselorId, PendingTransfer = null,
    };

    public Narration Narrate() => Narration.Of("Narrative.TransferAccepted", ToOfficeId, AcceptedBy, On, FromCounselorId, ToCounselorId);
}

/// <summary>The destination office's supervisor declined the transfer, saying why; the case stays where it was.</summary>
public sealed record CaseTransferDeclined(Guid TransferId, string ToOfficeId, string DeclinedBy, [property: PersonalData] string Reason, DateOnly On) : ICaseEvent, INarrated
{
    public CounselingCase Apply(CounselingCase current) => current with { PendingTransfer = null };

    public Narration Narrate() => Narration.Of("Narrative.TransferDeclined", ToOfficeId, DeclinedBy, On);
}

/// <summary>Ask office <paramref name="ToOfficeId"/> to take the case over; <paramref name="ToOfficeExists"/> says whether it is a known office.</summary>
public sealed record RequestTransfer(Guid TransferId, string ToOfficeId, bool ToOfficeExists, string RequestedBy, string Reason)
    : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.MustBeOpen(Why.ToTransfer) is { } closed) return closed;
        if (!ToOfficeExists) return Refusal.NotFound("toOfficeId", Why.NoSuchOffice, ToOfficeId);
        if (ToOfficeId == current.OfficeId)
            return Refusal.NotAllowed("toOfficeId", Why.TransferToSameOffice, ToOfficeId);
        if (current.PendingTransfer is { } pending)
            return Refusal.Conflict(Why.TransferPending, pending.ToOfficeId, pending.RequestedOn);

        return Decision.Accept(new CaseTransferRequested(TransferId, current.OfficeId, ToOfficeId, RequestedBy, Reason, Wib.DateOf(now)));
    }
}

/// <summary>Take the case over at the destination office, handing it to <paramref name="ToCounselorId"/> (<paramref name="ToCounselor"/>: their registration, if any).</summary>
public sealed record AcceptTransfer(string ToCounselorId, CounselorOnRecord? ToCounselor, string AcceptedBy) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.MustBeOpen(Why.ToTakeOver) is { } closed) return closed;
        if (current.PendingTransfer is not { } pending) return Refusal.Conflict(Why.NoTransferPending);
        if (ToCounselor is null) return Refusal.NotFound("counselorId", Why.NoSuchCounselor, ToCounselorId);
        if (ToCounselor.MayNotRecordBecause(pending.ToOfficeId, Wib.DateOf(now)) is { } cannot)
            return Refusal.NotAllowed("counselorId", Why.TransferToCertifiedCounselor, pending.ToOfficeId, cannot);

        return Decision.Accept(new CaseTransferAccepted(
            pending.TransferId, current.OfficeId, pending.ToOfficeId, current.CounselorId, ToCounselor.Id, AcceptedBy, Wib.DateOf(now)));
    }
}

public sealed record DeclineTransfer(string DeclinedBy, string Reason) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now)
    {
        if (current.MustBeOpen(Why.ToAnswerTransfer) is { } closed) return closed;
        return current.PendingTransfer is { } pending
            ? Decision.Accept(new CaseTransferDeclined(pending.TransferId, pending.ToOfficeId, DeclinedBy, Reason, Wib.DateOf(now)))
            : Refusal.Conflict(Why.NoTransferPending);
    }
}
