using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Intake;

namespace Counseling.Domain.Tests.Cases;

/// <summary>Ready-made facts for domain tests: one worker laid off from a Bekasi factory.</summary>
internal static class CaseFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, Wib.Offset);

    public static WorkerDetails Worker() =>
        new("3216061505900001", "Siti Rahmawati", new DateOnly(1990, 5, 15), "081234567890", "20012345678");

    public static EndedEmployment Employment(TerminationReason reason = TerminationReason.Efficiency) =>
        new("PT Sinar Cikarang Plastik", "Operator Injection Moulding", new DateOnly(2026, 10, 31), reason, 5_200_000);

    public static OpenCase OpenCaseCommand(TerminationReason reason = TerminationReason.Efficiency, int contributionMonths = 24) =>
        new(Guid.NewGuid(), "bekasi", "c-001", Worker(), Employment(reason), "JKP-2026-000123", contributionMonths);

    public static CounselingCase OpenedCase(DateTimeOffset? openedAt = null)
    {
        var opened = (CaseOpened)CaseIntake.Open(OpenCaseCommand(), openedAt ?? Now.AddDays(-10)).Events.Single();
        return CounselingCase.Evolve(null, opened)! with { Version = 1 };
    }
}
