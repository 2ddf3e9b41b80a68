using Alba;
using Counseling.Api.Access;
using Marten.Events;
using Counseling.Api.Client;
using Counseling.Api.Tests.Infrastructure;
using Wib = Counseling.Domain.Cases.Wib;
using Role = Counseling.Api.Access.Role;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Contract;

/// <summary>
/// The README's tour driven through the client NSwag generated from contract/openapi-v1.json (tests/Counseling.Api.Client),
/// as another team would use it: where the document and the service disagree (a field's name, type, requiredness, an
/// enum value, an answer's body or status), a call here fails.
/// </summary>
[Collection(ApiCollection.Name)]
public class GeneratedClientJourneyTests(ApiFixture api)
{
    [Fact]
    public async Task The_generated_client_takes_a_case_from_intake_to_closure()
    {
        var client = ClientFor(api.TokenFor("c-001", Role.Counselor, "bekasi"));
        var now = api.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        // The client types a date ("2026-11-29") as a DateTimeOffset at midnight; the service's days are WIB days.
        var today = new DateTimeOffset(Wib.DateOf(now).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var opened = await client.OpenCaseAsync(new OpenCaseRequest
        {
            OfficeId = "bekasi",
            CounselorId = "c-001",
            Worker = new WorkerRequest
            {
                Nik = "3216061505900001", FullName = "Siti Rahmawati", BirthDate = new DateTimeOffset(1990, 5, 15, 0, 0, 0, TimeSpan.Zero),
                Phone = "081234567890", BpjsMembershipNumber = "20012345678",
            },
            Employment = new EmploymentRequest
            {
                Employer = "PT Sinar Cikarang Plastik", LastPosition = "Operator Injection Moulding",
                TerminationDate = today.AddDays(-30), TerminationReason = TerminationReason.Efficiency, LastMonthlyWage = 5_200_000,
                ContractType = EmploymentContractType.Permanent,
            },
            JkpClaimReference = "JKP-2026-000123",
            ContributionMonths = 24,
            ContributionHistory = new ContributionHistoryRequest { MonthsPaidInLast24Months = 24, ConsecutiveMonthsBeforeTermination = 24 },
            Participation = new ParticipationRequest
            {
                IndonesianCitizen = true, JoinedOn = new DateTimeOffset(2014, 3, 1, 0, 0, 0, TimeSpan.Zero), EnrolledInJkn = true,
            },
        }, idempotency_Key: Guid.NewGuid().ToString());
        opened.Version.Should().Be(2); // the intake and its JKP claim
        opened.Url.Should().Be($"/cases/{opened.Id}");
        var caseId = opened.Id;

        var session = await client.LogSessionAsync(caseId, new LogSessionRequest
        {
            HeldAt = now, Mode = SessionMode.InPerson, DurationMinutes = 45,
            Topics = [SessionTopic.SelfAssessmentResults, SessionTopic.LabourMarketInformation],
            Notes = "Membahas hasil asesmen diri dan lowongan operator di Cikarang.",
            NextFollowUpOn = today.AddDays(14),
        }, if_Match: "\"2\"", idempotency_Key: Guid.NewGuid().ToString());
        session.Version.Should().Be(3);

        var stale = await FluentActions.Awaiting(() => client.LogSessionAsync(caseId, new LogSessionRequest
        {
            HeldAt = now, Mode = SessionMode.Phone, DurationMinutes = 10, Topics = [SessionTopic.Other],
        }, if_Match: "\"2\"")).Should().ThrowAsync<ApiException<ProblemDetails>>();
        stale.Which.StatusCode.Should().Be(412);
        stale.Which.Result.Status.Should().Be(412);

        (await client.RecordSelfAssessmentAsync(caseId, new RecordSelfAssessmentRequest
        {
            AssessedOn = today, EducationLevel = EducationLevel.VocationalHighSchool, Skills = ["mesin bubut"],
            RecommendedOccupations = ["7223"], Readiness = Readiness.ReadyForWork,
        })).Version.Should().Be(4);
        var referral = await client.ReferToJobAsync(caseId, new ReferToJobRequest
        {
            VacancyReference = "LOK-BKS-0102", Employer = "PT Presisi Logam Jababeka", Position = "Operator Mesin Bubut", ReferredOn = today,
        });
        referral.Version.Should().Be(5);
        (await client.RecordJobReferralOutcomeAsync(caseId, referral.ReferralId, new RecordJobReferralOutcomeRequest
        {
            Outcome = JobReferralOutcome.Hired, On = today,
        })).Version.Should().Be(6);
        (await client.PlaceWorkerAsync(caseId, new PlaceWorkerRequest
        {
            Employer = "PT Presisi Logam Jababeka", Position = "Operator Mesin Bubut", StartsOn = today, MonthlyWage = 5_400_000,
            ContractType = ContractType.FixedTerm, JobReferralId = referral.ReferralId,
        })).Version.Should().Be(7);

        var placedCase = await client.GetCaseAsync(caseId);
        (placedCase.Version, placedCase.Stage, placedCase.SessionsCount, placedCase.Worker.Nik, placedCase.Placement.MonthlyWageRupiah)
            .Should().Be((7L, CaseStage.Placed, 1, "3216061505900001", 5_400_000L));
        placedCase.JobReferrals.Single().Outcome.Should().Be(JobReferralOutcome.Hired);

        await api.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var caseload = await client.GetCaseloadAsync("c-001", stage: "placed", pageSize: "100");
        caseload.CounselorId.Should().Be("c-001");
        var entry = caseload.Items.Single(item => item.CaseId == caseId);
        (entry.Stage, entry.WorkerName, entry.MaskedNik).Should().Be((CaseStage.Placed, "Siti Rahmawati", "************0001"));

        (await client.CloseCaseAsync(caseId, new CloseCaseRequest { Reason = ClosureReason.Placed }, if_Match: "\"7\"")).Version.Should().Be(8);
        var closed = await client.GetCaseAsync(caseId);
        (closed.Stage, closed.ClosedBecause).Should().Be((CaseStage.Closed, ClosureReason.Placed));
        var history = await client.GetCaseHistoryAsync(caseId);
        history.Entries.Should().HaveCount(8);
    }

    [Fact]
    public async Task Bad_input_reaches_the_generated_client_as_the_documented_problem()
    {
        var client = ClientFor(api.TokenFor("c-001", Role.Counselor, "bekasi"));
        var caseId = await api.Host.OpenCaseAsync();

        var refused = await FluentActions.Awaiting(() => client.LogSessionAsync(caseId, new LogSessionRequest
        {
            HeldAt = api.Now, Mode = SessionMode.Phone, DurationMinutes = 481, Topics = [SessionTopic.Other],
        })).Should().ThrowAsync<ApiException<ProblemDetails>>();

        refused.Which.StatusCode.Should().Be(400);
        refused.Which.Result.Status.Should().Be(400);
        refused.Which.Result.AdditionalProperties["errors"].ToString().Should().Contain("durationMinutes");
    }

    private CounselingApiClient ClientFor(string token)
    {
        var http = api.Host.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new CounselingApiClient(http);
    }
}
