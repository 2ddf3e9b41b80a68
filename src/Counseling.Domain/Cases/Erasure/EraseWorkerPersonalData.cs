namespace Counseling.Domain.Cases.Erasure;

public sealed record EraseWorkerPersonalData(string RequestReference);

public static class ErasureDecisions
{
    /// <summary>A legal obligation, so a closed case is erased too; erasing twice is refused.</summary>
    public static Decision Erase(this CounselingCase current, EraseWorkerPersonalData command, DateTimeOffset now) =>
        current.PersonalDataErasedOn is { } erasedOn
            ? Refusal.Conflict($"The worker's personal data was already erased on {erasedOn:yyyy-MM-dd}.")
            : Decision.Accept(new WorkerPersonalDataErased(command.RequestReference, Wib.DateOf(now)));
}
