using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;
using Counseling.Domain.Counselors;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>Employment plans, transfers between offices and corrections.</summary>
public class WorkdayRulesTests
{
    private static readonly PlanGoal Goal = new("7223", new DateOnly(2027, 3, 31));
    private static readonly PlanAction Action = new("Ikut pelatihan las", PlanActor.Worker, new DateOnly(2026, 12, 15));

    private static CounselorOnRecord Certified(string id, string office) =>
        new(id, office, new CertificateOnRecord($"PK-{id}", Today.AddYears(-1), Today.AddYears(1)));

    [Fact]
    public void Each_written_plan_is_the_next_version_and_awaits_approval_again()
    {
        var current = OpenedCase();
        var first = current.Decide(new WriteEmploymentPlan([Goal], [Action], "c-001"), Now)
            .ShouldAccept(new EmploymentPlanWritten(1, [Goal], [Action], "c-001", Today));
        var approved = current.After(first, new EmploymentPlanApproved(1, "s-001", Today));
        approved.Plan!.IsApproved.Should().BeTrue();

        var second = approved.Decide(new WriteEmploymentPlan([Goal], [Action, Action], "c-001"), Now)
            .ShouldAccept(new EmploymentPlanWritten(2, [Goal], [Action, Action], "c-001", Today));
        approved.After(second).Plan.Should().BeEquivalentTo(new { Version = 2, ApprovedBy = (string?)null, IsApproved = false });
    }

    [Fact]
    public void A_plan_goal_lies_ahead_and_no_action_is_due_before_the_intake()
    {
        OpenedCase().Decide(new WriteEmploymentPlan([Goal with { TargetDate = Today }], [Action], "c-001"), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "goals");
        OpenedCase().Decide(new WriteEmploymentPlan([Goal], [Action with { DueOn = Today.AddDays(-30) }], "c-001"), Now)
            .ShouldRefuse(RefusalKind.InvalidInput, "actions");
    }

    [Fact]
    public void Only_the_current_version_is_approved_once_and_never_by_its_author()
    {
        var planned = OpenedCase().After(new EmploymentPlanWritten(1, [Goal], [Action], "c-001", Today),
            new EmploymentPlanWritten(2, [Goal], [Action], "s-001", Today));

        planned.Decide(new ApproveEmploymentPlan(1, "s-002"), Now).ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("version 2");
        planned.Decide(new ApproveEmploymentPlan(2, "s-001"), Now).ShouldRefuse(RefusalKind.NotAllowed, "version").Reason.Should().Contain("author");
        var approval = planned.Decide(new ApproveEmploymentPlan(2, "s-002"), Now).ShouldAccept(new EmploymentPlanApproved(2, "s-002", Today));
        planned.After(approval).Decide(new ApproveEmploymentPlan(2, "s-003"), Now).ShouldRefuse(RefusalKind.Conflict);
        OpenedCase().Decide(new ApproveEmploymentPlan(1, "s-001"), Now).ShouldRefuse(RefusalKind.NotFound, "version");
    }

    [Fact]
    public void A_transfer_goes_to_another_known_office_one_at_a_time()
    {
        var transferId = Guid.NewGuid();
        OpenedCase().Decide(new RequestTransfer(transferId, "bekasi", true, "s-001", "x"), Now).ShouldRefuse(RefusalKind.NotAllowed, "toOfficeId");
        OpenedCase().Decide(new RequestTransfer(transferId, "atlantis", false, "s-001", "x"), Now).ShouldRefuse(RefusalKind.NotFound, "toOfficeId");
        var requested = OpenedCase().Decide(new RequestTransfer(transferId, "kalteng", true, "s-001", "Pindah domisili"), Now)
            .ShouldAccept(new CaseTransferRequested(transferId, "bekasi", "kalteng", "s-001", "Pindah domisili", Today));

        var pending = OpenedCase().After(requested);
        pending.PendingTransfer!.ToOfficeId.Should().Be("kalteng");
        pending.OfficeId.Should().Be("bekasi", "the case stays where it is until the transfer is answered");
        pending.Decide(new RequestTransfer(Guid.NewGuid(), "pasker-jakarta", true, "s-001", "x"), Now).ShouldRefuse(RefusalKind.Conflict);
    }

    [Fact]
    public void An_accepted_transfer_moves_the_case_to_a_certified_counselor_of_the_destination()
    {
        var transferId = Guid.NewGuid();
        var pending = OpenedCase().After(new CaseTransferRequested(transferId, "bekasi", "kalteng", "s-001", "Pindah", Today));

        pending.Decide(new AcceptTransfer("c-002", Certified("c-002", "bekasi"), "s-003"), Now).ShouldRefuse(RefusalKind.NotAllowed, "counselorId");
        pending.Decide(new AcceptTransfer("c-404", null, "s-003"), Now).ShouldRefuse(RefusalKind.NotFound, "counselorId");
        pending.Decide(new AcceptTransfer("c-005", Certified("c-005", "kalteng") with { Certificate = null }, "s-003"), Now)
            .ShouldRefuse(RefusalKind.NotAllowed, "counselorId").Reason.Should().Contain("certificate");
        var accepted = pending.Decide(new AcceptTransfer("c-005", Certified("c-005", "kalteng"), "s-003"), Now)
            .ShouldAccept(new CaseTransferAccepted(transferId, "bekasi", "kalteng", "c-001", "c-005", "s-003", Today));

        var moved = pending.After(accepted);
        (moved.OfficeId, moved.CounselorId, moved.PendingTransfer).Should().Be(("kalteng", "c-005", (PendingTransfer?)null));
    }

    [Fact]
    public void A_declined_transfer_leaves_the_case_where_it_was_and_a_new_one_may_be_asked()
    {
        var transferId = Guid.NewGuid();
        var pending = OpenedCase().After(new CaseTransferRequested(transferId, "bekasi", "kalteng", "s-001", "Pindah", Today));
        var declined = pending.Decide(new DeclineTransfer("s-003", "Kuota penuh"), Now)
            .ShouldAccept(new CaseTransferDeclined(transferId, "kalteng", "s-003", "Kuota penuh", Today));

        var after = pending.After(declined);
        (after.OfficeId, after.PendingTransfer).Should().Be(("bekasi", (PendingTransfer?)null));
        after.Decide(new DeclineTransfer("s-003", "x"), Now).ShouldRefuse(RefusalKind.Conflict);
        after.Decide(new RequestTransfer(Guid.NewGuid(), "kalteng", true, "s-001", "Lagi"), Now).IsRefused.Should().BeFalse();
    }

    [Fact]
    public void A_session_correction_changes_its_time_or_length_and_the_last_contact_follows()
    {
        var sessionId = Guid.NewGuid();
        var heldAt = Now.AddDays(-2);
        var logged = new CounselingSessionLogged(sessionId, heldAt, SessionMode.Phone, 45, [SessionTopic.JobSearchSkills], "", null);
        var current = OpenedCase().After(logged);
        var recorded = SessionLog.From([logged]);

        current.Decide(new CorrectSession(sessionId, null, 45, "x", recorded), Now).ShouldRefuse(RefusalKind.Conflict);
        current.Decide(new CorrectSession(Guid.NewGuid(), null, 30, "x", recorded), Now).ShouldRefuse(RefusalKind.NotFound, "sessionId");
        current.Decide(new CorrectSession(sessionId, Now.AddHours(1), null, "x", recorded), Now).ShouldRefuse(RefusalKind.InvalidInput, "heldAt");
        var corrected = current.Decide(new CorrectSession(sessionId, heldAt.AddDays(1), 75, "Salah ketik", recorded), Now)
            .ShouldAccept(new SessionCorrected(sessionId, heldAt.AddDays(1), 75, "Salah ketik", Today, heldAt.AddDays(1)));

        var after = current.After(corrected);
        SessionLog.From([logged, corrected]).Single().Should().Be(new SessionHeld(sessionId, heldAt.AddDays(1), SessionMode.Phone, 75));
        after.LastContactAt.Should().Be(heldAt.AddDays(1));
        after.SessionsCount.Should().Be(1);
    }

    [Fact]
    public void Moving_the_latest_session_earlier_makes_the_next_latest_the_last_contact()
    {
        var first = new CounselingSessionLogged(Guid.NewGuid(), Now.AddDays(-5), SessionMode.Phone, 30, [SessionTopic.JobSearchSkills], "", null);
        var latest = new CounselingSessionLogged(Guid.NewGuid(), Now.AddDays(-1), SessionMode.Phone, 30, [SessionTopic.JobSearchSkills], "", null);
        var current = OpenedCase().After(first, latest);
        current.LastContactAt.Should().Be(Now.AddDays(-1));

        var corrected = current.Decide(new CorrectSession(latest.SessionId, Now.AddDays(-7), null, "Tanggal salah", SessionLog.From([first, latest])), Now)
            .Events.Single();

        current.After(corrected).LastContactAt.Should().Be(Now.AddDays(-5));
    }

    [Fact]
    public void A_closed_case_is_corrected_too_but_an_erased_worker_has_no_phone_to_correct()
    {
        var referral = JobReferred();
        var closed = OpenedCase().After(referral, Closed());
        closed.Decide(new CorrectJobReferral(referral.ReferralId, "PT Lain", "Nama keliru"), Now)
            .ShouldAccept(new JobReferralCorrected(referral.ReferralId, "PT Lain", "Nama keliru", Today));
        closed.Decide(new CorrectJobReferral(referral.ReferralId, referral.Employer, "x"), Now).ShouldRefuse(RefusalKind.Conflict);

        OpenedCase().After(new WorkerPersonalDataErased("UU27-1", Today)).Decide(new CorrectWorkerPhone("081200000000", "x"), Now)
            .ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("erased");
    }
}
