using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;
using Counseling.Domain.Cases.Erasure;
using Counseling.Domain.Counselors;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Assessments;
using Counseling.Domain.Cases.ClaimApproval;
using Counseling.Domain.Cases.EarlierClaims;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.JobReferrals;
using Counseling.Domain.Cases.JobSearch;
using Counseling.Domain.Cases.Placements;
using Counseling.Domain.Cases.Reassignment;
using Counseling.Domain.Cases.Sessions;
using Counseling.Domain.Cases.TrainingReferrals;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class ClosureTests
{
    private static CounselingSessionLogged SessionWithFollowUp() =>
        new(Guid.NewGuid(), Now.AddDays(-1), SessionMode.Phone, 20, [SessionTopic.Other], "", Today.AddDays(7));

    // Closing

    [Theory]
    [InlineData(ClosureReason.Unreachable)]
    [InlineData(ClosureReason.Withdrew)]
    [InlineData(ClosureReason.Other)]
    public void Closing_an_open_case_records_why_and_today_and_drops_the_next_follow_up(ClosureReason reason)
    {
        var current = OpenedCase().After(JobReferred(), SessionWithFollowUp());
        current.NextFollowUpOn.Should().NotBeNull();

        var closed = current.Decide(new CloseCase(reason, "Tidak dapat dihubungi."), Now)
            .ShouldAccept(new CaseClosed(reason, Today, "Tidak dapat dihubungi."));

        var next = current.After(closed);
        next.IsClosed.Should().BeTrue();
        next.ClosedBecause.Should().Be(reason);
        next.NextFollowUpOn.Should().BeNull();
        next.Stage.Should().Be(CaseStage.Closed);
    }

    [Fact]
    public void A_case_is_closed_on_the_office_date_in_Western_Indonesian_Time()
    {
        // 18:00 UTC on 23 November is 01:00 on 24 November in Bekasi.
        var now = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

        var closed = (CaseClosed)OpenedCase().Decide(new CloseCase(ClosureReason.Other, ""), now).Events.Single();

        closed.On.Should().Be(new DateOnly(2026, 11, 24));
    }

    [Fact]
    public void A_case_with_a_placement_can_be_closed_as_placed()
    {
        var current = OpenedCase().After(Placed());

        var closed = current.Decide(new CloseCase(ClosureReason.Placed, "Bekerja di PT Maju Jaya."), Now)
            .ShouldAccept(new CaseClosed(ClosureReason.Placed, Today, "Bekerja di PT Maju Jaya."));

        current.After(closed).Stage.Should().Be(CaseStage.Closed);
    }

    [Fact]
    public void A_case_without_a_placement_cannot_be_closed_as_placed()
    {
        OpenedCase().After(JobReferred()).Decide(new CloseCase(ClosureReason.Placed, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_self_employed_worker_cannot_be_closed_as_placed()
    {
        OpenedCase().After(SelfEmployed()).Decide(new CloseCase(ClosureReason.Placed, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_worker_who_lost_the_job_cannot_be_closed_as_placed()
    {
        var placed = Placed(startsOn: new DateOnly(2026, 8, 1));
        var current = OpenedCase(Now.AddMonths(-6)).After(placed, FollowedUp(placed, stillEmployed: false));

        current.Decide(new CloseCase(ClosureReason.Placed, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_self_employed_worker_s_case_can_be_closed_as_self_employed()
    {
        var current = OpenedCase().After(SelfEmployed());

        current.Decide(new CloseCase(ClosureReason.SelfEmployed, "Warung makan berjalan."), Now)
            .ShouldAccept(new CaseClosed(ClosureReason.SelfEmployed, Today, "Warung makan berjalan."));
    }

    [Fact]
    public void A_case_without_self_employment_cannot_be_closed_as_self_employed()
    {
        OpenedCase().Decide(new CloseCase(ClosureReason.SelfEmployed, ""), Now).ShouldRefuse(RefusalKind.Conflict);
        OpenedCase().After(Placed()).Decide(new CloseCase(ClosureReason.SelfEmployed, ""), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void A_closed_case_cannot_be_closed_again()
    {
        OpenedCase().After(Closed(ClosureReason.Unreachable)).Decide(new CloseCase(ClosureReason.Other, ""), Now)
            .ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain(nameof(ClosureReason.Unreachable));
    }

    // A closed case accepts nothing but reopening

    private static readonly Dictionary<string, (Func<CounselingCase> Ready, Func<CounselingCase, Decision> Decide)> Commands = new()
    {
        ["log a session"] = (() => OpenedCase(),
            c => c.Decide(new LogSession(Guid.NewGuid(), Now.AddHours(-1), SessionMode.Video, 30, [SessionTopic.JobSearchSkills], "", null), Now)),
        ["record a self-assessment"] = (() => OpenedCase(),
            c => c.Decide(new RecordSelfAssessment(Guid.NewGuid(), Today, EducationLevel.Diploma, [], [], "", [], Readiness.ReadyForWork), Now)),
        ["refer to a vacancy"] = (() => OpenedCase(),
            c => c.Decide(new ReferToJob(Guid.NewGuid(), "LOKER-1", "PT A", "Staf Gudang", Today), Now)),
        ["record a job referral outcome"] = (() => OpenedCase().After(JobReferred(JobReferralId)),
            c => c.Decide(new RecordJobReferralOutcome(JobReferralId, JobReferralOutcome.Hired, Today), Now)),
        ["refer to training"] = (() => OpenedCase(),
            c => c.Decide(new ReferToTraining(Guid.NewGuid(), "BLK Bekasi", "Las Listrik", TrainingKind.Course, Today.AddDays(7)), Now)),
        ["record a training outcome"] = (() => OpenedCase().After(TrainingReferred(referralId: TrainingReferralId)),
            c => c.Decide(new RecordTrainingOutcome(TrainingReferralId, TrainingOutcome.Completed, Today), Now)),
        ["place the worker"] = (() => OpenedCase(),
            c => c.Decide(new PlaceWorker(Guid.NewGuid(), "PT A", "Staf Gudang", Today, 4_900_000, ContractType.Permanent, null), Now)),
        ["start self-employment"] = (() => OpenedCase(),
            c => c.Decide(new StartSelfEmployment("Warung makan", Today), Now)),
        ["follow up the placement"] = (() => OpenedCase(Now.AddMonths(-6)).After(Placed(startsOn: new DateOnly(2026, 8, 1))),
            c => c.Decide(new FollowUpPlacement(Today, true, ""), Now)),
        ["close it"] = (() => OpenedCase(),
            c => c.Decide(new CloseCase(ClosureReason.Other, ""), Now)),
        ["commit to the job search"] = (() => OpenedCase(),
            c => c.Decide(new MakeJobSearchCommitment(Today), Now)),
        ["record a job-search activity"] = (() => OpenedCase().After(new JobSearchCommitmentMade(Today.AddDays(-10))),
            c => c.Decide(new RecordJobSearchActivity(Guid.NewGuid(), JobSearchActivityKind.Application, Today, "PT A", null, null), Now)),
        ["record the claim's approval"] = (() => OpenedCase(),
            c => c.Decide(new RecordClaimApproval(Today), Now)),
        ["record an earlier claim"] = (() => OpenedCase(),
            c => c.Decide(new RecordEarlierClaim(Today.AddYears(-6)), Now)),
        ["write an employment plan"] = (() => OpenedCase(),
            c => c.Decide(new WriteEmploymentPlan([new PlanGoal("7223", Today.AddMonths(3))], [new PlanAction("Lamar kerja", PlanActor.Worker, Today.AddDays(7))], "c-001"), Now)),
        ["approve the employment plan"] = (() => OpenedCase().After(new EmploymentPlanWritten(1, [], [], "c-001", Today)),
            c => c.Decide(new ApproveEmploymentPlan(1, "s-001"), Now)),
        ["request a transfer"] = (() => OpenedCase(),
            c => c.Decide(new RequestTransfer(Guid.NewGuid(), "kalteng", true, "s-001", "Pindah"), Now)),
        ["accept a transfer"] = (() => OpenedCase().After(new CaseTransferRequested(Guid.NewGuid(), "bekasi", "kalteng", "s-001", "Pindah", Today)),
            c => c.Decide(new AcceptTransfer("c-005", new CounselorOnRecord("c-005", "kalteng", new CertificateOnRecord("PK-5", Today.AddYears(-1), Today.AddYears(1))), "s-003"), Now)),
        ["decline a transfer"] = (() => OpenedCase().After(new CaseTransferRequested(Guid.NewGuid(), "bekasi", "kalteng", "s-001", "Pindah", Today)),
            c => c.Decide(new DeclineTransfer("s-003", "Penuh"), Now)),
        ["reassign it"] = (() => OpenedCase(),
            c => c.Decide(new ReassignCase("c-002", new CounselorOnRecord("c-002", "bekasi", null), "Cuti"), Now)),
    };

    private static readonly Guid JobReferralId = Guid.NewGuid();
    private static readonly Guid TrainingReferralId = Guid.NewGuid();

    public static TheoryData<string> CommandNames => [.. Commands.Keys];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void A_closed_case_refuses_every_command_but_reopening(string command)
    {
        var (ready, decide) = Commands[command];
        var open = ready();
        decide(open).IsRefused.Should().BeFalse("the command is accepted while the case is open");

        var closed = open.After(Closed());

        decide(closed).ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("closed");
    }

    [Fact]
    public void Every_command_on_a_case_is_covered_by_the_closed_case_check()
    {
        var commands = typeof(CounselingCase).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && typeof(ICaseCommand).IsAssignableFrom(t))
            .Select(t => t.Name)
            .ToList();

        // Every command on an existing case except ReopenCase, the erasure's request and approval (a legal obligation
        // that closure does not suspend: see ErasureTests) and the corrections (they mend the record whatever the case's
        // state); if one is added, add it to Commands above.
        commands.Except([nameof(ReopenCase), nameof(RequestWorkerPersonalDataErasure), nameof(ApproveWorkerPersonalDataErasure),
                nameof(CorrectSession), nameof(CorrectJobReferral), nameof(CorrectWorkerPhone)])
            .Should().HaveCount(Commands.Count);
    }

    // Reopening

    [Fact]
    public void An_open_case_cannot_be_reopened()
    {
        OpenedCase().Decide(new ReopenCase("Pekerja kembali."), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void Reopening_a_closed_case_records_why_and_today_and_restores_its_stage()
    {
        var current = OpenedCase().After(Assessed(), JobReferred(), Closed(ClosureReason.Unreachable));

        var reopened = current.Decide(new ReopenCase("Pekerja datang kembali ke kantor."), Now)
            .ShouldAccept(new CaseReopened("Pekerja datang kembali ke kantor.", Today));

        var next = current.After(reopened);
        next.IsClosed.Should().BeFalse();
        next.ClosedBecause.Should().BeNull();
        next.Stage.Should().Be(CaseStage.JobSearch);
    }

    [Fact]
    public void A_reopened_case_accepts_commands_again()
    {
        var closed = OpenedCase().After(Closed());
        var reopened = closed.After(closed.Decide(new ReopenCase("Salah tutup."), Now).Events.Single());

        reopened.Decide(new LogSession(Guid.NewGuid(), Now.AddHours(-1), SessionMode.Phone, 15, [SessionTopic.Other], "", null), Now)
            .Events.Should().ContainSingle().Which.Should().BeOfType<CounselingSessionLogged>();
    }

    [Fact]
    public void A_case_closed_as_placed_is_placed_again_once_reopened()
    {
        var current = OpenedCase().After(Placed(), Closed(ClosureReason.Placed));

        current.After(current.Decide(new ReopenCase("Perlu pendampingan."), Now).Events.Single()).Stage.Should().Be(CaseStage.Placed);
    }
}
