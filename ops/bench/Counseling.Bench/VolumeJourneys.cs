using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Assessments;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.Intake;
using Counseling.Domain.Cases.JobReferrals;
using Counseling.Domain.Cases.Sessions;

namespace Counseling.Bench;

/// <summary>
/// Synthetic case histories in bulk, for benchmarks only: every event comes from the domain's own decisions,
/// so the store holds what the API could have written. Volume, not realism: one intake, an assessment, then
/// mostly sessions with some job referrals, spread between intake (up to a year ago) and now; a few cases end
/// closed. Deterministic for a given case number.
/// </summary>
public static class VolumeJourneys
{
    public sealed record Journey(Guid CaseId, Assignment Assignment, bool IsOpen, IReadOnlyList<object> Events);

    public sealed record Assignment(string OfficeId, string CounselorId);

    private static readonly string[] Employers = ["PT Sinar Cikarang Plastik", "PT Maju Tekstil Bandung", "PT Garmen Jaya Semarang"];
    private static readonly SessionTopic[] Topics = Enum.GetValues<SessionTopic>();
    private static readonly SessionMode[] Modes = Enum.GetValues<SessionMode>();

    public static Journey Generate(int caseNumber, int eventCount, IReadOnlyList<Assignment> assignments, DateTimeOffset now)
    {
        var random = new Random(caseNumber);
        var assignment = assignments[caseNumber % assignments.Count];
        var openedAt = now - TimeSpan.FromMinutes(random.Next(60 * 24, 60 * 24 * 365));
        var employer = Employers[random.Next(Employers.Length)];

        var events = new List<object>(eventCount);
        CounselingCase? current = null;
        void Apply(Decision decision)
        {
            if (decision.Refusal is { } refusal)
                throw new InvalidOperationException($"The volume generator asked for a refused decision: {refusal.Reason}");
            foreach (var @event in decision.Events)
            {
                events.Add(@event);
                current = CounselingCase.Evolve(current, @event);
            }
        }

        var caseId = Guid.CreateVersion7(openedAt);
        Apply(CounselingCase.Decide(null, new OpenCase(
            caseId, assignment.OfficeId, assignment.CounselorId,
            WorkerDetails.Of($"3216{caseNumber:D12}", $"Pekerja Volume {caseNumber}", new DateOnly(1990, 5, 15),
                "081234567890", $"2001{caseNumber:D8}"),
            new EndedEmployment(employer, "Operator Produksi", Wib.DateOf(openedAt).AddDays(-20), TerminationReason.Efficiency, 5_200_000),
            $"JKP-VOL-{caseNumber:D8}", 24, null, new ContributionHistory(24, 24),
            new Participation(true, new DateOnly(2015, 1, 5), true), new EmploymentContract(EmploymentContractType.Permanent, null)), openedAt));

        // Later steps fall at increasing moments between intake and a minute ago.
        var closes = eventCount >= 4 && random.Next(20) == 0;
        var steps = eventCount - events.Count;
        var span = now - TimeSpan.FromMinutes(1) - openedAt;
        for (var step = 1; step <= steps; step++)
        {
            var at = openedAt + span * step / (steps + 1);
            var today = Wib.DateOf(at);
            var openReferral = current!.JobReferrals.FirstOrDefault(r => r.IsOpen);

            if (step == steps && closes)
                Apply(current.Decide(new CloseCase(ClosureReason.Unreachable, "Tidak dapat dihubungi."), at));
            else if (step == 1)
                Apply(current.Decide(new RecordSelfAssessment(
                    Guid.CreateVersion7(at), today, EducationLevel.VocationalHighSchool, ["injection moulding", "quality control"],
                    ["manufacturing"], "Shift pagi, sekitar Bekasi", ["Operator Mesin"], Readiness.ReadyForWork), at));
            else if (openReferral is not null && random.Next(3) == 0)
                Apply(current.Decide(new RecordJobReferralOutcome(openReferral.Id, JobReferralOutcome.Rejected, today), at));
            else if (openReferral is null && random.Next(8) == 0)
                Apply(current.Decide(new ReferToJob(
                    Guid.CreateVersion7(at), $"LOK-{caseNumber}-{step}", employer, "Operator Produksi", today), at));
            else
                Apply(current.Decide(new LogSession(
                    Guid.CreateVersion7(at), at, Modes[random.Next(Modes.Length)], 15 + random.Next(60),
                    [Topics[random.Next(Topics.Length)]], "Sesi konseling rutin: perkembangan pencarian kerja.",
                    today.AddDays(7 + random.Next(21))), at));
        }

        return new Journey(caseId, assignment, !current!.IsClosed, events);
    }
}
