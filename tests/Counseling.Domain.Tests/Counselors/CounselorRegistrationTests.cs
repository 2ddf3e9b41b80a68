using Counseling.Domain.Counselors;

namespace Counseling.Domain.Tests.Counselors;

public class CounselorRegistrationTests
{
    private static readonly CounselorCertificateFacts Certificate = new("PK-2024-001", new DateOnly(2024, 1, 2), new DateOnly(2027, 1, 1));
    private static readonly CounselorRegistration OnRecord = new("c-101", "Dewi Anggraini", "bekasi", Certificate);

    [Fact]
    public void A_first_registration_is_one_registered_event()
    {
        CounselorRegistration.Decide(null, "c-101", "Dewi Anggraini", "bekasi", Certificate)
            .Should().Equal(new CounselorRegistered("c-101", "Dewi Anggraini", "bekasi", Certificate));
    }

    [Fact]
    public void Repeating_the_registration_on_record_decides_nothing()
    {
        CounselorRegistration.Decide(OnRecord, "c-101", "Dewi Anggraini", "bekasi", Certificate).Should().BeEmpty();
    }

    [Fact]
    public void A_new_certificate_and_another_office_are_each_a_fact_of_their_own()
    {
        var renewed = new CounselorCertificateFacts("PK-2027-014", new DateOnly(2027, 1, 1), new DateOnly(2030, 1, 1));

        CounselorRegistration.Decide(OnRecord, "c-101", "Dewi Anggraini", "jakarta", renewed).Should().Equal(
            new CounselorMovedOffice("c-101", "bekasi", "jakarta"),
            new CounselorCertificateRenewed("c-101", Certificate, renewed));
    }

    [Fact]
    public void A_corrected_name_is_recorded()
    {
        CounselorRegistration.Decide(OnRecord, "c-101", "Dewi Anggraini, S.Psi.", "bekasi", Certificate)
            .Should().Equal(new CounselorNameCorrected("c-101", "Dewi Anggraini, S.Psi."));
    }
}
