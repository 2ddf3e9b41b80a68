namespace Counseling.Domain.Cases.Erasure;

public sealed record EraseWorkerPersonalData(string RequestReference) : ICaseCommand
{
    public Decision Decide(CounselingCase current, DateTimeOffset now) => current.Erase(this, now);
}

internal static class ErasureDecisions
{
    /// <summary>A legal obligation, so a closed case is erased too; erasing twice is refused.</summary>
    internal static Decision Erase(this CounselingCase current, EraseWorkerPersonalData command, DateTimeOffset now) =>
        current.PersonalDataErasedOn is { } erasedOn
            ? Refusal.Conflict(Why.AlreadyErased, erasedOn)
            : Decision.Accept(new WorkerPersonalDataErased(command.RequestReference, Wib.DateOf(now)));
}
