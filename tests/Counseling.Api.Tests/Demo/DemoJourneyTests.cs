using System.Text.Json;
using System.Text.RegularExpressions;
using Counseling.Api.Access;
using Counseling.Seeds;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Intake;

namespace Counseling.Api.Tests.Demo;

/// <summary>The plans alone, without a database: determinism, realism and the shares the field reports.</summary>
public sealed class DemoJourneyTests
{
    private static readonly DemoReferenceData Reference = DemoFixture.Reference;
    private static readonly DateTimeOffset Anchor = DemoFixture.Anchor;
    private static readonly Lazy<DemoPlan> Large = new(() => DemoJourneys.Plan(11, 2000, Reference, Anchor));

    [Fact]
    public void The_demo_has_a_worker_of_each_kind_the_JKP_rules_tell_apart()
    {
        var events = Large.Value.Journeys.SelectMany(j => j.Events).ToList();
        var claims = events.OfType<JkpClaimRecorded>().ToList();

        claims.Should().Contain(c => c.Contributions!.Arrears!.Cause == ArrearsCause.EmployerBankrupt && c.Contributions.Arrears.MonthsUnpaid > 3,
            "a bankrupt employer up to six months behind (PP 6/2025 Pasal 39A)");
        claims.Should().Contain(c => c.Contributions!.Arrears!.Cause == ArrearsCause.EmployerClosed);
        claims.Should().Contain(c => c.Contract!.Type == EmploymentContractType.FixedTerm && c.Contract.EndsOn > DateOnly.MinValue,
            "a fixed-term contract ended before its term");
        claims.Should().Contain(c => c.EarlierClaims != null && c.EarlierClaims.Count > 0, "a second claim");
        claims.Should().OnlyContain(c => c.Participation != null && c.Contract != null && c.Contributions != null);
        events.OfType<CaseClosed>().Should().Contain(c => c.Reason == ClosureReason.Died && c.DiedOn < c.On, "a death dated by its day");
        events.OfType<JkpClaimApproved>().Should().NotBeEmpty("a claim with its approval day");
        events.OfType<EarlierJkpClaimDisclosed>().Should().NotBeEmpty("an earlier claim disclosed after the intake");
        events.OfType<CaseClosed>().Should().Contain(c => c.Reason == ClosureReason.SelfEmployed);
    }

    [Fact]
    public void The_same_seed_and_workers_give_the_same_journeys_and_another_seed_others()
    {
        var first = Serialized(DemoJourneys.Plan(42, 60, Reference, Anchor));

        Serialized(DemoJourneys.Plan(42, 60, Reference, Anchor)).Should().Be(first);
        Serialized(DemoJourneys.Plan(43, 60, Reference, Anchor)).Should().NotBe(first);
    }

    [Fact]
    public void About_42_percent_of_BLK_graduates_find_work()
    {
        // Graduates given time enough for a placement to be recorded before nothing more is.
        var graduates = Large.Value.Journeys.Where(j => j.GraduatedOn is { } on && on <= j.LastDay.AddDays(-75)).ToList();
        var placed = graduates.Count(j => j.Final.Placement is not null);

        graduates.Should().HaveCountGreaterThan(100);
        (100.0 * placed / graduates.Count).Should().BeApproximately(42, 7);
    }

    [Fact]
    public void Journeys_end_in_every_kind_of_outcome_with_realistic_shares()
    {
        var journeys = Large.Value.Journeys;
        var readiness = journeys.SelectMany(j => j.Events.OfType<SelfAssessmentRecorded>().Take(1)).ToList();
        Share(readiness, r => r.Readiness == Readiness.ReadyForWork).Should().BeApproximately(50, 5);
        Share(readiness, r => r.Readiness == Readiness.NeedsTraining).Should().BeApproximately(35, 5);

        var closures = journeys.SelectMany(j => j.Events.OfType<CaseClosed>()).GroupBy(c => c.Reason).ToDictionary(g => g.Key, g => g.Count());
        closures.Keys.Should().Contain([ClosureReason.Placed, ClosureReason.SelfEmployed, ClosureReason.Unreachable,
            ClosureReason.Withdrew, ClosureReason.BenefitPeriodEnded]);
        journeys.Should().Contain(j => j.Events.OfType<CaseReopened>().Any());
        journeys.Should().Contain(j => j.Events.OfType<PlacementFollowedUp>().Any(f => !f.StillEmployed));
        journeys.Should().Contain(j => j.Events.OfType<TrainingReferralOutcomeRecorded>().Any(o => o.Outcome == TrainingOutcome.CertifiedCompetent));

        var open = journeys.Where(j => !j.Final.IsClosed).ToList();
        Share(open, j => j.Final.NextFollowUpOn < Wib.DateOf(Anchor)).Should().BeInRange(5, 25, "a few follow-ups are overdue");
        Share(journeys, j => Wib.DateOf(j.Final.OpenedAt) >= Wib.DateOf(Anchor).AddDays(-31)).Should().BeInRange(10, 25,
            "intakes spread over six months");
    }

    [Fact]
    public void Benefit_months_follow_the_rules_most_met_some_not_some_at_risk_and_some_lapsed()
    {
        var today = Wib.DateOf(Anchor);
        var schedules = Large.Value.Journeys.Select(j => JkpBenefit.For(j.Final, today)!).ToList();
        var months = schedules.SelectMany(s => s.Months).ToList();

        // Months after the first, decided one way or the other: most workers send their applications.
        var decided = months.Where(m => m.Number > 1 && m.Status is BenefitMonthStatus.Met or BenefitMonthStatus.NotMet).ToList();
        decided.Should().HaveCountGreaterThan(1000);
        Share(decided, m => m.Status == BenefitMonthStatus.Met).Should().BeInRange(60, 95);
        months.Should().Contain(m => m.Status == BenefitMonthStatus.Due && m.AtRisk);
        months.Should().Contain(m => m.Status == BenefitMonthStatus.Lapsed);
        months.Should().Contain(m => m.Status == BenefitMonthStatus.Upcoming);
        schedules.Should().Contain(s => s.EndedBecause == BenefitEndReason.NewEmployment);
        schedules.Should().Contain(s => s.EndedBecause == BenefitEndReason.PeriodOver);
        schedules.Should().OnlyContain(s => s.RuleSet == "PP-6-2025" && s.ClaimedOn <= s.ClaimDeadline);
        Large.Value.Journeys.Should().OnlyContain(j => j.Final.Benefit!.JobSearchCommittedOn != null);
    }

    [Fact]
    public void Steps_are_recorded_by_certified_counselors_and_expired_certificates_lead_to_reassignment()
    {
        var journeys = Large.Value.Journeys;
        var expired = Reference.Counselors.Single(c => c.Id == "c-002").Certificate!.ExpiresOn;
        foreach (var step in journeys.SelectMany(j => j.Steps).Where(s => s.Role == Role.Counselor))
        {
            var counselor = Reference.Counselors.Single(c => c.Id == step.RecordedBy);
            Certification.RefusalFor(counselor, counselor.Id, step.OfficeId, Wib.DateOf(step.At)).Should().BeNull();
        }

        var reassignments = journeys.SelectMany(j => j.Events.OfType<CaseReassigned>()).ToList();
        reassignments.Should().Contain(r => r.FromCounselorId == "c-002" && r.On > expired);
        reassignments.Should().Contain(r => r.Reason.Contains("beban kerja") || r.Reason.Contains("cuti") || r.Reason.Contains("mutasi"));
        journeys.SelectMany(j => j.Steps).Where(s => s.Role == Role.Supervisor)
            .Should().OnlyContain(s => Reference.Supervisors.Any(v => v.Id == s.RecordedBy && v.OfficeId == s.OfficeId));
    }

    /// <summary>
    /// A demo seeded years after the seeds were written keeps their story: each office has certified counselors on the
    /// demo's day, c-002's certificate has lapsed within the year or so before it, and every step is still recorded by a
    /// counselor certified on its day (the seeds' fixed dates would leave no office a certified counselor by 2031).
    /// </summary>
    [Theory]
    [InlineData(2027, 3, 1)]
    [InlineData(2029, 6, 1)]
    [InlineData(2035, 11, 22)]
    [InlineData(2035, 11, 23)]
    public void A_demo_seeded_on_a_later_day_renews_the_certificates_by_whole_years(int year, int month, int day)
    {
        var anchorDay = new DateOnly(year, month, day);
        var renewed = Reference.RenewedFor(anchorDay);

        foreach (var office in renewed.Offices)
            renewed.Counselors.Should().Contain(c => c.OfficeId == office.Id && c.Certificate!.IssuedOn <= anchorDay && anchorDay <= c.Certificate.ExpiresOn,
                "office {0} needs a certified counselor on {1}", office.Id, anchorDay);
        var lapsed = renewed.Counselors.Single(c => c.Id == "c-002").Certificate!;
        lapsed.ExpiresOn.Should().BeBefore(anchorDay).And.BeAfter(anchorDay.AddMonths(-15));
        var shift = renewed.Counselors[0].Certificate!.ExpiresOn.Year - Reference.Counselors[0].Certificate!.ExpiresOn.Year;
        shift.Should().Be(anchorDay < new DateOnly(year, 11, 23) ? year - 2027 : year - 2026);

        var anchor = DemoPlan.AnchorFor(new DateTimeOffset(anchorDay.ToDateTime(new TimeOnly(10, 0)), Wib.Offset));
        var plan = DemoJourneys.Plan(7, 200, renewed, anchor);
        plan.Journeys.Should().HaveCount(200);
        foreach (var step in plan.Journeys.SelectMany(j => j.Steps).Where(s => s.Role == Role.Counselor))
        {
            var counselor = renewed.Counselors.Single(c => c.Id == step.RecordedBy);
            Certification.RefusalFor(counselor, counselor.Id, step.OfficeId, Wib.DateOf(step.At)).Should().BeNull();
        }
    }

    [Fact]
    public void Workers_have_Indonesian_names_valid_looking_NIKs_and_phone_numbers()
    {
        var nameParts = IndonesianWorkers.AllNameParts.ToHashSet();
        foreach (var journey in Large.Value.Journeys)
        {
            var opened = journey.Events.OfType<CaseOpened>().Single();
            var worker = opened.Worker;

            worker.FullName.Split(' ').Should().OnlyContain(part => nameParts.Contains(part), worker.FullName);
            worker.Phone.Should().MatchRegex("^08[0-9]{10}$");
            worker.BpjsMembershipNumber.Should().MatchRegex("^[12][0-9]{10}$");

            worker.Nik.Should().MatchRegex("^[0-9]{16}$");
            var regions = IndonesianWorkers.KtpRegencies[opened.OfficeId];
            var region = regions.FirstOrDefault(r => worker.Nik.StartsWith(r.Regency));
            region.Regency.Should().NotBeNull($"NIK {worker.Nik[..4]} is a regency near office {opened.OfficeId}");
            int.Parse(worker.Nik[4..6]).Should().BeInRange(1, region.Districts);
            var day = int.Parse(worker.Nik[6..8]);
            (day == worker.BornOn().Day || day == worker.BornOn().Day + 40).Should().BeTrue("the day of birth, plus 40 for women");
            worker.Nik[8..12].Should().Be($"{worker.BornOn().Month:D2}{worker.BornOn().Year % 100:D2}");
            int.Parse(worker.Nik[12..]).Should().BePositive();
        }
    }

    [Fact]
    public void Referrals_and_assessments_name_the_seeded_vacancies_programmes_and_KBJI_codes()
    {
        var journeys = Large.Value.Journeys;
        var codes = Reference.Occupations.Select(o => o.Code).ToHashSet();
        var programmes = Reference.Programmes.Select(p => p.Programme).Concat(Reference.ApprenticeshipPartners.Select(p => p.Programme)).ToHashSet();

        journeys.SelectMany(j => j.Events.OfType<SelfAssessmentRecorded>()).SelectMany(a => a.RecommendedOccupations)
            .Should().OnlyContain(code => codes.Contains(code));
        journeys.SelectMany(j => j.Events.OfType<JobReferralMade>())
            .Should().OnlyContain(r => Reference.Vacancies.Any(v => v.Reference == r.VacancyReference && v.Employer == r.Employer));
        journeys.SelectMany(j => j.Events.OfType<TrainingReferralMade>()).Should().OnlyContain(r => programmes.Contains(r.Programme));

        // Most of Pasker.ID's referrals go to the walk-in interview's sales executive openings (289 of 308).
        var pasker = journeys.Where(j => j.OfficeId == "pasker-jakarta").SelectMany(j => j.Events.OfType<JobReferralMade>()).ToList();
        Share(pasker, r => r.Position == "Sales Executive").Should().BeGreaterThan(50);
        Reference.Vacancies.Where(v => v.Channel == "walkInInterview").Should().HaveCount(13)
            .And.Subject.Sum(v => v.Openings).Should().Be(308);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => 100.0 * items.Count(predicate) / items.Count;

    private static string Serialized(DemoPlan plan) => JsonSerializer.Serialize(plan.Journeys.Select(j => new
    {
        j.CaseId,
        Steps = j.Steps.Select(s => new { s.At, s.RecordedBy, s.Role, Command = (object)s.Command }),
        j.Events,
    }));

    [Fact]
    public void The_demo_holds_approved_plans_pending_and_completed_transfers_and_corrections()
    {
        var events = Large.Value.Journeys.SelectMany(j => j.Events).ToList();

        events.OfType<Counseling.Domain.Cases.Plans.EmploymentPlanWritten>().Count().Should().BeGreaterThan(500);
        events.OfType<Counseling.Domain.Cases.Plans.EmploymentPlanApproved>().Count().Should().BeGreaterThan(400);
        var requested = events.OfType<Counseling.Domain.Cases.Transfers.CaseTransferRequested>().Select(t => t.TransferId).ToList();
        var accepted = events.OfType<Counseling.Domain.Cases.Transfers.CaseTransferAccepted>().Select(t => t.TransferId).ToList();
        accepted.Should().NotBeEmpty().And.OnlyContain(id => requested.Contains(id));
        requested.Except(accepted).Should().NotBeEmpty("some transfers still await their answer");
        events.OfType<Counseling.Domain.Cases.Corrections.SessionCorrected>().Should().NotBeEmpty();
    }
}
