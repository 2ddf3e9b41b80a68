using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Reassignment;
using Counseling.Domain.Counselors;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

public class ReassignmentTests
{
    [Fact]
    public void Reassigning_a_case_records_both_counselors_and_hands_the_case_over()
    {
        var current = OpenedCase().After(Assessed(), JobReferred());

        var reassigned = current.Decide(new ReassignCase("c-002", Colleague("c-002"), "Konselor c-001 cuti melahirkan."), Now)
            .ShouldAccept(new CaseReassigned("c-001", "c-002", "Konselor c-001 cuti melahirkan.", Today));

        var next = current.After(reassigned);
        next.CounselorId.Should().Be("c-002");
        next.Stage.Should().Be(CaseStage.JobSearch);
        next.JobReferrals.Should().HaveCount(1);
    }

    [Fact]
    public void A_case_can_be_handed_back_to_its_first_counselor()
    {
        var current = OpenedCase().After(new CaseReassigned("c-001", "c-002", "Cuti", Today.AddDays(-3)));

        current.Decide(new ReassignCase("c-001", Colleague("c-001"), "Kembali dari cuti."), Now)
            .ShouldAccept(new CaseReassigned("c-002", "c-001", "Kembali dari cuti.", Today));
    }

    [Fact]
    public void Reassigning_a_case_to_its_own_counselor_is_refused()
    {
        OpenedCase().Decide(new ReassignCase("c-001", Colleague("c-001"), "Tidak ada perubahan."), Now)
            .ShouldRefuse(RefusalKind.Conflict).Reason.Should().Contain("c-001");
    }

    [Fact]
    public void A_case_is_reassigned_only_within_its_office()
    {
        OpenedCase().Decide(new ReassignCase("c-003", Colleague("c-003", "pasker-jakarta"), "Pindah"), Now)
            .ShouldRefuse(RefusalKind.NotAllowed, "counselorId").Reason.Should().Contain("within its office (bekasi)");
    }

    [Fact]
    public void A_case_is_not_reassigned_to_someone_who_is_not_a_registered_counselor()
    {
        OpenedCase().Decide(new ReassignCase("c-404", null, "Cuti"), Now)
            .ShouldRefuse(RefusalKind.NotFound, "counselorId").Reason.Should().Contain("c-404");
    }

    private static CounselorOnRecord Colleague(string id, string officeId = "bekasi") =>
        new(id, officeId, new CertificateOnRecord($"PK-{id}", Today.AddYears(-1), Today.AddYears(2)));

    [Fact]
    public void A_closed_case_cannot_be_reassigned()
    {
        OpenedCase().After(Closed()).Decide(new ReassignCase("c-002", Colleague("c-002"), "Cuti"), Now).ShouldRefuse(RefusalKind.Conflict);
    }
}
