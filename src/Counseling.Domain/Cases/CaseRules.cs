namespace Counseling.Domain.Cases;

/// <summary>Checks that many decisions share. Each returns the refusal, or null when the rule holds.</summary>
internal static class CaseRules
{
    public static Refusal? MustBeOpen(this CounselingCase current, Wording toDo) =>
        current.IsClosed ? Refusal.Conflict(Why.CaseClosed, current.ClosedBecause, toDo) : null;

    /// <summary>A date on which something happened: not after today, not before the case was opened.</summary>
    public static Refusal? MustHaveHappened(this CounselingCase current, DateOnly date, string field, DateTimeOffset now)
    {
        if (date > Wib.DateOf(now)) return Refusal.Invalid(field, Why.InTheFuture, date);
        if (date < current.OpenedOn)
            return Refusal.Invalid(field, Why.BeforeCaseOpened, date, current.OpenedOn);
        return null;
    }

    /// <summary>Runs the checks in order and refuses with the first that fails; otherwise accepts the events.</summary>
    public static Decision FirstRefusalOr(object @event, params Refusal?[] checks) =>
        checks.FirstOrDefault(c => c is not null) is { } refusal ? Decision.Refuse(refusal) : Decision.Accept(@event);
}
