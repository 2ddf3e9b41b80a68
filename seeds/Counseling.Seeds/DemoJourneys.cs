using Counseling.Api.Access;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Corrections;
using Counseling.Domain.Cases.Plans;
using Counseling.Domain.Cases.Transfers;
using Counseling.Domain.Cases.Assessments;
using Counseling.Domain.Cases.ClaimApproval;
using Counseling.Domain.Cases.EarlierClaims;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.Intake;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.JobReferrals;
using Counseling.Domain.Cases.JobSearch;
using Counseling.Domain.Cases.Placements;
using Counseling.Domain.Cases.Reassignment;
using Counseling.Domain.Cases.Sessions;
using Counseling.Domain.Cases.TrainingReferrals;

namespace Counseling.Seeds;

/// <summary>
/// Plans workers' journeys through an office as they tend to go: intake within the last six months, a self-assessment,
/// then job referrals, BLK training or an entrepreneurship course, placements and their three-month follow-up,
/// businesses started, closures (placed, self-employed, unreachable, withdrawn, benefit period over), a few
/// reopenings and reassignments, and some cases whose follow-up the counselor let slip. Every step is decided by
/// the domain while planning, so a plan only holds commands the service accepts. The same seed, number of workers
/// and anchor give the same plan.
/// </summary>
public static class DemoJourneys
{
    public static DemoPlan Plan(int seed, int workers, DemoReferenceData reference, DateTimeOffset anchor)
    {
        // One generator per journey, drawn from the seed: journey n is the same whether 10 or 1000 are planned.
        var seeds = new Random(seed);
        var journeys = Enumerable.Range(1, workers)
            .Select(number => new JourneyPlanner(seed, number, new Random(seeds.Next()), reference, anchor).Plan())
            .ToList();
        return new DemoPlan(seed, anchor, journeys);
    }
}

internal sealed class JourneyPlanner(int seed, int number, Random random, DemoReferenceData reference, DateTimeOffset anchor)
{
    /// <summary>Shares of the workers each office receives.</summary>
    private static readonly (string Office, int Weight)[] OfficeShares =
        [("bekasi", 40), ("pasker-jakarta", 25), ("blk-pekalongan", 20), ("kalteng", 15)];

    /// <summary>The regional minimum wage (UMK/UMP) a laid-off worker's last wage is drawn around.</summary>
    private static readonly Dictionary<string, long> MinimumWage = new()
    {
        ["bekasi"] = 5_560_000, ["pasker-jakarta"] = 5_400_000, ["kalteng"] = 3_470_000, ["blk-pekalongan"] = 2_570_000,
    };

    private static readonly Dictionary<string, string[]> FormerEmployers = new()
    {
        ["bekasi"] = ["PT Gemilang Tekstil Cibitung", "PT Karya Otomotif Komponen", "PT Citra Elektronik Jababeka", "PT Sinar Cikarang Plastik"],
        ["pasker-jakarta"] = ["PT Media Niaga Digital", "PT Ritel Sejahtera Abadi", "PT Garmen Cakung Jaya", "PT Logistik Kilat Nusantara"],
        ["kalteng"] = ["PT Tambang Batubara Barito", "PT Sawit Lestari Kotim", "PT Kayu Lapis Kahayan"],
        ["blk-pekalongan"] = ["PT Tekstil Batang Raya", "PT Batik Pesisir Nusantara", "CV Konveksi Kota Batik"],
    };

    /// <summary>Last positions, the skills a self-assessment finds with them, and the KBJI occupations it recommends.</summary>
    private static readonly Dictionary<string, (string Position, string[] Skills, string[] Occupations)[]> Profiles = new()
    {
        ["bekasi"] =
        [
            ("Operator Produksi", ["operasi mesin produksi", "5R"], ["9329", "8142"]),
            ("Operator Injection Moulding", ["injection moulding", "setting mold"], ["8142"]),
            ("Operator Mesin Bubut", ["mesin bubut", "membaca gambar teknik"], ["7223", "7543"]),
            ("Quality Control", ["alat ukur", "jangka sorong", "mikrometer"], ["7543"]),
            ("Teknisi Listrik", ["instalasi listrik", "PLC dasar"], ["7412", "7411"]),
            ("Admin Gudang", ["stock opname", "Microsoft Excel"], ["4321", "4110"]),
        ],
        ["pasker-jakarta"] =
        [
            ("Sales Marketing", ["negosiasi", "presentasi produk"], ["3322"]),
            ("Customer Service", ["layanan pelanggan", "komunikasi"], ["4222", "3322"]),
            ("Staf Administrasi", ["Microsoft Office", "pengarsipan"], ["4110"]),
            ("Operator Jahit", ["menjahit", "obras"], ["8153"]),
            ("Kurir", ["mengemudi", "SIM C"], ["8322", "4321"]),
        ],
        ["kalteng"] =
        [
            ("Pekerja Kebun Sawit", ["panen TBS", "perawatan tanaman"], ["9211"]),
            ("Operator Alat Berat", ["excavator", "perawatan mesin"], ["7212", "7231"]),
            ("Operator Plywood", ["mesin rotary", "pengeringan kayu"], ["9329", "7212"]),
            ("Helper Listrik", ["instalasi listrik"], ["7411"]),
        ],
        ["blk-pekalongan"] =
        [
            ("Operator Tenun", ["mesin tenun", "kontrol mutu kain"], ["8153", "7531"]),
            ("Penjahit", ["menjahit", "membuat pola"], ["7531", "8153"]),
            ("Pembatik", ["batik cap", "pewarnaan"], ["7531"]),
            ("Pramuniaga", ["penjualan", "kasir"], ["5223"]),
            ("Mekanik Motor", ["servis sepeda motor"], ["7231"]),
        ],
    };

    private static readonly (TerminationReason Reason, int Weight)[] TerminationReasons =
    [
        (TerminationReason.Efficiency, 45), (TerminationReason.Restructuring, 15), (TerminationReason.ContractTerminatedEarly, 15),
        (TerminationReason.CompanyClosure, 12), (TerminationReason.Bankruptcy, 5), (TerminationReason.MergerOrAcquisition, 4),
        (TerminationReason.ForceMajeure, 4),
    ];

    private static readonly (EducationLevel Level, int Weight)[] Education =
    [
        (EducationLevel.SeniorHighSchool, 35), (EducationLevel.VocationalHighSchool, 30), (EducationLevel.JuniorHighSchool, 12),
        (EducationLevel.Diploma, 10), (EducationLevel.Bachelor, 10), (EducationLevel.PrimarySchool, 3),
    ];

    private static readonly (ContractType Type, int Weight)[] Contracts =
        [(ContractType.FixedTerm, 55), (ContractType.Permanent, 25), (ContractType.Outsourced, 15), (ContractType.Daily, 5)];

    private static readonly string[] Businesses =
        ["Warung kelontong", "Katering rumahan", "Jualan daring (reseller batik)", "Laundry kiloan", "Bengkel tambal ban", "Usaha pangkas rambut"];

    private static readonly string[] ReassignmentReasons =
        ["Pemerataan beban kerja antarkonselor.", "Konselor sebelumnya cuti melahirkan.", "Konselor sebelumnya dimutasi ke bidang lain."];

    /// <summary>BLK graduates (a course or apprenticeship completed) who are placed in work afterwards: 42.1% in BLK Kota Pekalongan's 2020 figures.</summary>
    public const int GraduatesPlacedPercent = 42;

    /// <summary>Of the rest of the graduates, those who start a business of their own.</summary>
    public const int GraduatesSelfEmployedPercent = 20;

    /// <summary>
    /// How keenly workers report their job search: most send enough applications every month, some too few (their
    /// months fall short unless an interview call saves them), a few report nothing after the first month.
    /// </summary>
    private enum Diligence { Steady, Patchy, Idle }

    private readonly DateOnly _anchorDay = Wib.DateOf(anchor);
    private Diligence _diligence;
    private DateOnly _evidenceUpTo;
    private readonly List<Visit> _visits = [];
    private readonly List<DemoStep> _steps = [];
    private readonly List<object> _events = [];
    private CounselingCase? _case;
    private DateOnly _day;
    private DateOnly? _graduatedOn;
    private string _officeId = "";
    private Guid _caseId;

    /// <summary>One contact with the worker on one day: what is done before the session (intake, reopening), the session, and what follows it.</summary>
    private sealed class Visit(DateOnly day)
    {
        public DateOnly Day { get; } = day;
        public List<object> Before { get; } = [];
        public bool HasSession { get; init; } = true;
        public SessionMode Mode { get; init; } = SessionMode.InPerson;
        public SessionTopic[] Topics { get; init; } = [SessionTopic.LabourMarketInformation];
        public string Notes { get; init; } = "";
        public List<object> After { get; } = [];
        public string? ReassignBecause { get; set; }
        /// <summary>The KBJI occupation of the employment plan the counselor writes at this visit, if any.</summary>
        public string? WritesPlanFor { get; set; }
    }

    public DemoJourney Plan()
    {
        _officeId = Weighted(OfficeShares.Select(o => (o.Office, o.Weight)));
        _diligence = Weighted([(Diligence.Steady, 65), (Diligence.Patchy, 25), (Diligence.Idle, 10)]);
        var intakeDay = Weekday(_anchorDay.AddDays(-random.Next(3, 190)));
        _day = intakeDay;
        var counselor = Pick(CertifiedCounselors(intakeDay, except: null))
            ?? throw new InvalidOperationException($"No certified counselor at {_officeId} on {intakeDay}.");
        // Some counselors let a case's follow-up slip: nothing more is recorded on it after a day some weeks ago.
        var lastDay = random.Next(100) < 12
            ? Min(Max(_anchorDay.AddDays(-random.Next(10, 45)), intakeDay.AddDays(8)), _anchorDay)
            : _anchorDay;

        PlanIntake(counselor.Id, intakeDay);
        var readiness = PlanAssessment();
        if (PlanEarlyExit()) { }
        else if (readiness == Readiness.NeedsTraining) PlanTraining();
        else if (readiness == Readiness.ConsideringSelfEmployment) PlanEntrepreneurship();
        else PlanJobSearch(attempts: random.Next(1, 4), hirePercent: 30);
        PlanCheckInsUntilClosedOrPastAnchor(intakeDay);

        Record(lastDay);
        return new DemoJourney(number, _caseId, _officeId, _steps, _events, _case!, _graduatedOn, lastDay);
    }

    // ---- planning the visits -------------------------------------------------------------------------------------

    private void PlanIntake(string counselorId, DateOnly intakeDay)
    {
        var worker = IndonesianWorkers.Generate(random, _officeId, intakeDay);
        var (position, _, _) = Pick(Profiles[_officeId])!;
        var wage = RoundTo(MinimumWage[_officeId] * (90 + random.Next(70)) / 100, 10_000);
        _caseId = DemoIds.Version7(OfficeMoment(intakeDay), random);
        var visit = new Visit(intakeDay)
        {
            Topics = [SessionTopic.Other, SessionTopic.LabourMarketInformation],
            Notes = "Penerimaan peserta JKP: verifikasi data, penjelasan manfaat JKP dan alur konseling.",
        };
        // The JKP claim follows the PHK within days or weeks, and comes before the intake (or on its day).
        var terminationDate = intakeDay.AddDays(-random.Next(7, 75));
        var claimedOn = Min(terminationDate.AddDays(random.Next(1, 21)), intakeDay);
        var contributionMonths = random.Next(12, 120);
        var contributions = new ContributionHistory(
            random.Next(12, Math.Min(24, contributionMonths) + 1), random.Next(6, contributionMonths + 1));
        var employer = Pick(FormerEmployers[_officeId])!;
        var reason = Weighted(TerminationReasons.Select(t => (t.Reason, t.Weight)));
        visit.Before.Add(new OpenCase(
            _caseId, _officeId, counselorId, worker,
            new EndedEmployment(employer, position, terminationDate, reason, wage),
            $"JKP-{intakeDay.Year}-{random.Next(1, 1_000_000):D6}",
            contributionMonths, claimedOn, contributions with { Arrears = ArrearsFor(reason) },
            new Participation(IndonesianCitizen: true, JoinedOn: terminationDate.AddMonths(-contributionMonths), EnrolledInJkn: true),
            ContractFor(reason, terminationDate),
            // A worker with more than nine years of contributions claims for the second time: the first claim six years ago.
            contributionMonths > 110 ? [new EarlierJkpClaim(terminationDate.AddYears(-6))] : null));
        // The commitment to look for work is part of the claim: the counselor records it at intake.
        visit.After.Add(new MakeJobSearchCommitment(claimedOn));
        // Where BPJS Ketenagakerjaan's approval of the claim is known by the intake (a merger's or a force majeure's
        // workers, whose employers report together), the counselor records its day.
        if (reason is TerminationReason.MergerOrAcquisition or TerminationReason.ForceMajeure)
            visit.After.Add(new RecordClaimApproval(Min(claimedOn.AddDays(7), intakeDay)));
        // A worker with eight to nine years of contributions tells of an earlier claim only once the case is open: seven years
        // back, beyond the five years the further-claims rule asks for, so the claim stays entitled.
        if (contributionMonths is > 96 and <= 110)
            visit.After.Add(new RecordEarlierClaim(terminationDate.AddYears(-7)));
        _evidenceUpTo = claimedOn.AddDays(-1);
        _visits.Add(visit);
    }

    /// <summary>
    /// A bankrupt or closed employer had stopped paying contributions: four months (only PP 6/2025 Pasal 39A lets BPJS pay
    /// that many) and two months (within PP 37/2021 Pasal 39's three).
    /// </summary>
    private static ContributionArrears? ArrearsFor(TerminationReason reason) => reason switch
    {
        TerminationReason.Bankruptcy => new ContributionArrears(4, ArrearsCause.EmployerBankrupt),
        TerminationReason.CompanyClosure => new ContributionArrears(2, ArrearsCause.EmployerClosed),
        _ => null,
    };

    /// <summary>A contract ended early was a fixed-term one (PKWT) with months still to run; the others were open-ended.</summary>
    private static EmploymentContract ContractFor(TerminationReason reason, DateOnly terminationDate) =>
        reason == TerminationReason.ContractTerminatedEarly
            ? new EmploymentContract(EmploymentContractType.FixedTerm, terminationDate.AddMonths(5))
            : new EmploymentContract(EmploymentContractType.Permanent, null);

    private Readiness PlanAssessment()
    {
        var opened = (OpenCase)_visits[0].Before[0];
        var profile = Profiles[_officeId].First(p => p.Position == opened.Employment.LastPosition);
        var readiness = random.Next(100) switch
        {
            < 50 => Readiness.ReadyForWork,
            < 85 => Readiness.NeedsTraining,
            _ => Readiness.ConsideringSelfEmployment,
        };
        var visit = NextVisit(1, 10, topics: [SessionTopic.SelfAssessmentResults, SessionTopic.OccupationInformation],
            notes: "Membahas hasil asesmen diri: minat, keterampilan dan jabatan yang sesuai.");
        visit.After.Add(new RecordSelfAssessment(
            NewId(visit.Day), visit.Day, Weighted(Education.Select(e => (e.Level, e.Weight))), profile.Skills,
            readiness == Readiness.ConsideringSelfEmployment ? ["wirausaha", "usaha rumahan"] : ["bekerja di industri"],
            random.Next(2) == 0 ? "Dekat tempat tinggal, shift pagi." : "Bersedia kerja shift dan lembur.",
            profile.Occupations, readiness));
        // Most counselors write the employment plan right after the assessment; the office's supervisor approves it.
        if (random.Next(100) < 70) visit.WritesPlanFor = profile.Occupations[0];
        return readiness;
    }

    /// <summary>Some workers stop answering (closed as unreachable, a few come back) or withdraw; true when the journey ends there.</summary>
    private bool PlanEarlyExit()
    {
        var roll = random.Next(100);
        if (roll >= 10) return false;
        if (roll < 3)
        {
            NextVisit(7, 21, notes: "Peserta menyampaikan pindah domisili ke luar daerah.", mode: SessionMode.Phone)
                .After.Add(new CloseCase(ClosureReason.Withdrew, "Peserta mengundurkan diri: pindah domisili."));
            return true;
        }

        var closing = new Visit(Weekday(_day.AddDays(random.Next(30, 50)))) { HasSession = false };
        // One unreachable worker in eight (by the case id, so the draws below stay as they were) had died: the family
        // tells the office, and the case is closed with the day of death, from which the benefit's months lapse.
        var died = _caseId.ToByteArray()[15] % 8 == 0;
        closing.After.Add(died
            ? new CloseCase(ClosureReason.Died, "Keluarga mengabarkan peserta meninggal dunia.", DiedOn: closing.Day.AddDays(-12))
            : new CloseCase(ClosureReason.Unreachable, "Tiga kali dihubungi melalui telepon dan WhatsApp tanpa jawaban."));
        Add(closing);
        if (random.Next(100) >= 30 || died) return true;

        var back = NextVisit(15, 60, notes: "Peserta datang kembali ke kantor dan ingin melanjutkan konseling.");
        back.Before.Add(new ReopenCase("Peserta datang kembali dan meminta layanan konseling dilanjutkan."));
        PlanJobSearch(attempts: 1, hirePercent: 30);
        return true;
    }

    /// <summary>Referrals to the office's vacancies (most openings, most referrals) until a hire or the attempts run out.</summary>
    private bool PlanJobSearch(int attempts, int hirePercent, string? occupation = null)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var vacancy = PickVacancy(occupation);
            var referral = NextVisit(3, 14, notes: $"Informasi lowongan {vacancy.Position} di {vacancy.Employer}; peserta dirujuk.");
            var referralId = NewId(referral.Day);
            referral.After.Add(new ReferToJob(referralId, vacancy.Reference, vacancy.Employer, vacancy.Position, referral.Day));

            var outcome = NextVisit(3, 10, mode: SessionMode.Phone, topics: [SessionTopic.JobSearchSkills],
                notes: "Menanyakan perkembangan lamaran dan persiapan wawancara.");
            var roll = random.Next(100);
            if (hirePercent < 100 && roll < 15)
            {
                outcome.After.Add(new RecordJobReferralOutcome(referralId,
                    roll < 10 ? JobReferralOutcome.NoShow : JobReferralOutcome.Withdrawn, outcome.Day));
                continue;
            }
            outcome.After.Add(new RecordJobReferralOutcome(referralId, JobReferralOutcome.InterviewScheduled, outcome.Day));

            var result = NextVisit(2, 10, mode: SessionMode.Phone, notes: "Hasil wawancara kerja.");
            if (random.Next(100) >= hirePercent)
            {
                result.After.Add(new RecordJobReferralOutcome(referralId, JobReferralOutcome.Rejected, result.Day));
                continue;
            }
            result.After.Add(new RecordJobReferralOutcome(referralId, JobReferralOutcome.Hired, result.Day));
            PlanPlacement(vacancy, referralId);
            return true;
        }
        return false;
    }

    private void PlanPlacement(Vacancy vacancy, Guid referralId)
    {
        var start = NextVisit(3, 14, notes: $"Peserta mulai bekerja sebagai {vacancy.Position}.", mode: SessionMode.Phone);
        start.After.Add(new PlaceWorker(NewId(start.Day), vacancy.Employer, vacancy.Position, start.Day,
            RoundTo(vacancy.MonthlyWage * (95 + random.Next(15)) / 100, 10_000),
            Weighted(Contracts.Select(c => (c.Type, c.Weight))), referralId));

        var due = start.Day.AddMonths(FollowUpPlacement.AfterMonths);
        var followUp = Add(new Visit(Weekday(due.AddDays(random.Next(0, 10))))
        {
            Mode = SessionMode.Phone, Topics = [SessionTopic.Other], Notes = "Pemantauan tiga bulan setelah penempatan.",
        });
        var stillEmployed = random.Next(100) < 88;
        followUp.After.Add(new FollowUpPlacement(followUp.Day, stillEmployed,
            stillEmployed ? "Masih bekerja, kontrak diperpanjang." : "Kontrak tidak diperpanjang; kembali mencari kerja."));
        if (stillEmployed) followUp.After.Add(new CloseCase(ClosureReason.Placed, "Bekerja dan lolos pemantauan tiga bulan."));
        else PlanJobSearch(attempts: 1, hirePercent: 0);
    }

    /// <summary>A BLK course or an apprenticeship, perhaps a competency test, then work, a business, or more searching.</summary>
    private void PlanTraining()
    {
        var courses = reference.Programmes.Where(p => p.OfficeId == _officeId && p.Kind == "course" && p.OccupationCode is not null).ToList();
        var partners = reference.ApprenticeshipPartners.Where(p => p.OfficeId == _officeId).ToList();
        var (provider, programme, kind, duration, occupation) = partners.Count > 0 && random.Next(100) < 30
            ? Pick(partners.Select(p => (p.Company, p.Programme, TrainingKind.Apprenticeship, p.DurationDays, (string?)p.OccupationCode)).ToList())
            : Pick(courses.Select(c => (c.Provider, c.Programme, TrainingKind.Course, c.DurationDays, c.OccupationCode)).ToList());

        var referral = NextVisit(2, 10, topics: [SessionTopic.TrainingInformation],
            notes: $"Informasi pelatihan {programme}; peserta setuju mendaftar.");
        var referralId = NewId(referral.Day);
        var startsOn = referral.Day.AddDays(random.Next(5, 21));
        referral.After.Add(new ReferToTraining(referralId, provider, programme, kind, startsOn));

        Reach(startsOn);
        NextVisit(0, 3, mode: SessionMode.Phone, topics: [SessionTopic.TrainingInformation], notes: "Peserta mulai mengikuti pelatihan.")
            .After.Add(new RecordTrainingOutcome(referralId, TrainingOutcome.Started, startsOn));

        if (random.Next(100) < 18)
        {
            var dropped = NextVisit(5, Math.Max(6, duration / 2), mode: SessionMode.Phone, notes: "Peserta berhenti mengikuti pelatihan.");
            dropped.After.Add(new RecordTrainingOutcome(referralId, TrainingOutcome.DroppedOut, dropped.Day));
            PlanJobSearch(attempts: random.Next(1, 3), hirePercent: 25);
            return;
        }

        var endsOn = startsOn.AddDays(duration);
        Reach(endsOn);
        var completed = NextVisit(0, 5, topics: [SessionTopic.TrainingInformation, SessionTopic.LabourMarketInformation],
            notes: $"Pelatihan {programme} selesai; membahas langkah berikutnya.");
        completed.After.Add(new RecordTrainingOutcome(referralId, TrainingOutcome.Completed, endsOn));
        _graduatedOn = endsOn;

        var test = reference.Programmes.FirstOrDefault(p =>
            p.OfficeId == _officeId && p.Kind == "competencyTest" && p.OccupationCode == occupation);
        if (test is not null && random.Next(100) < 60)
        {
            var testId = NewId(completed.Day);
            var testOn = completed.Day.AddDays(random.Next(3, 14));
            completed.After.Add(new ReferToTraining(testId, test.Provider, test.Programme, TrainingKind.CompetencyTest, testOn));
            Reach(testOn);
            NextVisit(0, 3, mode: SessionMode.Phone, notes: "Hasil uji kompetensi.")
                .After.Add(new RecordTrainingOutcome(testId,
                    random.Next(100) < 78 ? TrainingOutcome.CertifiedCompetent : TrainingOutcome.NotYetCompetent, testOn));
        }

        var roll = random.Next(100);
        if (roll < GraduatesPlacedPercent) PlanJobSearch(attempts: 1, hirePercent: 100, occupation);
        else if (roll < GraduatesPlacedPercent + GraduatesSelfEmployedPercent) PlanBusiness(occupation == "5141" ? "Usaha pangkas rambut" : null);
        else PlanJobSearch(attempts: random.Next(1, 3), hirePercent: 0, occupation);
    }

    /// <summary>An entrepreneurship course (Pelatihan Wirausaha Mandiri), then a business or, failing that, job search.</summary>
    private void PlanEntrepreneurship()
    {
        var course = reference.Programmes.FirstOrDefault(p => p.OfficeId == _officeId && p.Kind == "course" && p.OccupationCode is null);
        if (course is not null)
        {
            var referral = NextVisit(2, 10, topics: [SessionTopic.TrainingInformation], notes: $"Informasi {course.Programme}.");
            var referralId = NewId(referral.Day);
            var startsOn = referral.Day.AddDays(random.Next(5, 21));
            referral.After.Add(new ReferToTraining(referralId, course.Provider, course.Programme, TrainingKind.Course, startsOn));
            Reach(startsOn);
            NextVisit(0, 3, mode: SessionMode.Phone, notes: "Peserta mulai pelatihan wirausaha.")
                .After.Add(new RecordTrainingOutcome(referralId, TrainingOutcome.Started, startsOn));
            var endsOn = startsOn.AddDays(course.DurationDays);
            Reach(endsOn);
            NextVisit(0, 5, notes: "Pelatihan wirausaha selesai; menyusun rencana usaha.")
                .After.Add(new RecordTrainingOutcome(referralId, TrainingOutcome.Completed, endsOn));
        }
        if (random.Next(100) < 60) PlanBusiness(null);
        else PlanJobSearch(attempts: 1, hirePercent: 30);
    }

    private void PlanBusiness(string? business)
    {
        var started = NextVisit(10, 30, notes: "Peserta memulai usaha sendiri.");
        started.After.Add(new StartSelfEmployment(business ?? Pick(Businesses)!, started.Day));
        NextVisit(14, 45, mode: SessionMode.Phone, notes: "Usaha berjalan; pendampingan selesai.")
            .After.Add(new CloseCase(ClosureReason.SelfEmployed, "Berwirausaha."));
    }

    /// <summary>
    /// Regular check-ins while the case stays open, until the JKP benefit period (six months) is over or the
    /// planned visits pass the anchor; the first visit past the anchor is each open case's next follow-up.
    /// </summary>
    private void PlanCheckInsUntilClosedOrPastAnchor(DateOnly intakeDay)
    {
        if (Closes(_visits[^1])) return;
        while (_day < _anchorDay)
        {
            var checkIn = NextVisit(10, 21, mode: random.Next(2) == 0 ? SessionMode.Phone : SessionMode.InPerson,
                topics: [random.Next(2) == 0 ? SessionTopic.JobSearchSkills : SessionTopic.LabourMarketInformation],
                notes: "Pemantauan berkala: perkembangan pencarian kerja.");
            if (checkIn.Day.DayNumber - intakeDay.DayNumber > 183)
            {
                checkIn.After.Add(new CloseCase(ClosureReason.BenefitPeriodEnded, "Masa manfaat JKP enam bulan berakhir."));
                return;
            }
        }
    }

    private static bool Closes(Visit visit) => visit.After.Any(c => c is CloseCase);

    // ---- recording the visits as steps ---------------------------------------------------------------------------

    /// <summary>Turns the visits up to <paramref name="lastDay"/> into steps, deciding each as the service would.</summary>
    private void Record(DateOnly lastDay)
    {
        var correlation = $"demo-{seed}-{number:D5}";
        var reassignAt = _visits.Count > 3 && random.Next(100) < 5 ? random.Next(2, _visits.Count) : -1;
        if (reassignAt >= 0) _visits[reassignAt].ReassignBecause = Pick(ReassignmentReasons);

        for (var i = 0; i < _visits.Count && _visits[i].Day < lastDay; i++)
        {
            var visit = _visits[i];
            var at = OfficeMoment(visit.Day);
            var next = i + 1 < _visits.Count ? _visits[i + 1].Day : (DateOnly?)null;

            if (_case is not null && !Supervise(visit, at.AddMinutes(-30), correlation)) return;
            var counselorId = _case?.CounselorId ?? ((OpenCase)visit.Before[0]).CounselorId;

            foreach (var command in visit.Before) Step(ref at, counselorId, Role.Counselor, command, correlation);
            if (i > 0) RecordJobSearchEvidence(visit.Day, ref at, counselorId, correlation);
            if (visit.HasSession)
            {
                var duration = visit.Mode == SessionMode.Phone ? 10 + random.Next(20) : 30 + random.Next(45);
                var heldAt = at;
                at = at.AddMinutes(duration);
                var closes = Closes(visit);
                Step(ref at, counselorId, Role.Counselor, new LogSession(NewId(heldAt.UtcDateTime), heldAt, visit.Mode, duration, visit.Topics,
                    visit.Notes, closes ? null : next), correlation);
            }
            foreach (var command in visit.After) Step(ref at, counselorId, Role.Counselor, command, correlation);
            if (_case is { IsClosed: false }) PlanWork(visit, ref at, counselorId, correlation);
        }
        if (_case is { IsClosed: false, LastContactAt: { } lastContact } && _visits.Count > 2 && random.Next(100) < 4)
        {
            // Two hours after the last session, on its day: before the anchor, after everything else on the case.
            var at = lastContact.AddHours(2);
            Transfer(ref at, correlation);
        }
    }

    /// <summary>The employment plan written and approved, and now and then a session's length corrected.</summary>
    private void PlanWork(Visit visit, ref DateTimeOffset at, string counselorId, string correlation)
    {
        if (visit.WritesPlanFor is { } occupation)
        {
            Step(ref at, counselorId, Role.Counselor, new WriteEmploymentPlan(
                [new PlanGoal(occupation, visit.Day.AddMonths(3))],
                [
                    new PlanAction("Melamar ke lima lowongan yang sesuai setiap bulan.", PlanActor.Worker, visit.Day.AddDays(30)),
                    new PlanAction("Menghubungi pemberi kerja di bursa kerja Disnaker.", PlanActor.Counselor, visit.Day.AddDays(14)),
                ], counselorId), correlation);
            if (random.Next(100) < 85)
            {
                var supervisor = reference.Supervisors.First(s => s.OfficeId == _officeId);
                Step(ref at, supervisor.Id, Role.Supervisor, new ApproveEmploymentPlan(_case!.Plan!.Version, supervisor.Id), correlation);
            }
        }
        if (visit.HasSession && random.Next(100) < 2 && SessionLog.From(_events) is { Count: > 0 } sessions)
            Step(ref at, counselorId, Role.Counselor, new CorrectSession(sessions[^1].Id, null, sessions[^1].DurationMinutes + 15,
                "Durasi sesi salah ketik: sesi berlangsung lebih lama.", sessions), correlation);
    }

    /// <summary>
    /// A worker who moves away: the office's supervisor asks the office nearest their new home to take the case over,
    /// whose supervisor accepts it for one of its certified counselors, or has not answered yet.
    /// </summary>
    private void Transfer(ref DateTimeOffset at, string correlation)
    {
        var from = _officeId;
        var to = Pick(OfficeShares.Select(o => o.Office).Where(o => o != from).ToList())!;
        var day = Wib.DateOf(at);
        var receiving = reference.Counselors
            .Where(c => c.OfficeId == to && Certification.RefusalFor(c, c.Id, to, day) is null).ToList();
        if (receiving.Count == 0) return;
        var origin = reference.Supervisors.First(s => s.OfficeId == from);
        Step(ref at, origin.Id, Role.Supervisor, new RequestTransfer(
            NewId(day), to, true, origin.Id, "Pekerja pindah domisili ke wilayah kantor tujuan."), correlation);
        if (random.Next(100) < 40) return; // still awaiting the destination's answer

        var destination = reference.Supervisors.First(s => s.OfficeId == to);
        var counselor = Pick(receiving)!;
        _officeId = to; // the answer is the destination office's step
        Step(ref at, destination.Id, Role.Supervisor, new AcceptTransfer(counselor.Id, counselor.ToRecord(), destination.Id), correlation);
    }

    /// <summary>
    /// At each visit the counselor records what the worker did to find work since the last one, as far as the benefit
    /// still runs: applications to the office's employers (steady workers twice a week, patchy ones once, idle ones
    /// not at all), now and then an interview call, the attendance of a training under way, and in the last month the
    /// employment-status report.
    /// </summary>
    private void RecordJobSearchEvidence(DateOnly visitDay, ref DateTimeOffset at, string counselorId, string correlation)
    {
        if (_case is not { IsClosed: false, Benefit.JobSearchCommittedOn: not null } || JkpBenefit.For(_case, visitDay) is not { } benefit) return;
        var endsBefore = benefit.EndedBecause is BenefitEndReason.NewEmployment or BenefitEndReason.Death
            ? benefit.EndedOn!.Value : benefit.PeriodEnd.AddDays(1);
        var from = Max(_evidenceUpTo.AddDays(1), benefit.ClaimedOn);
        var to = Min(visitDay, endsBefore.AddDays(-1));
        _evidenceUpTo = Max(_evidenceUpTo, visitDay);
        if (from > to) return;

        var employers = reference.Vacancies.Where(v => v.OfficeId == _officeId).Select(v => v.Employer).Distinct().ToList();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var applies = _diligence switch
            {
                Diligence.Steady => day.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday,
                Diligence.Patchy => day.DayOfWeek == DayOfWeek.Wednesday && random.Next(100) < 80,
                _ => false,
            };
            if (applies)
                Step(ref at, counselorId, Role.Counselor, new RecordJobSearchActivity(
                    NewId(day), JobSearchActivityKind.Application, day, Pick(employers), null, null), correlation);
            if (_diligence != Diligence.Idle && day.DayOfWeek == DayOfWeek.Tuesday && random.Next(100) < 6)
                Step(ref at, counselorId, Role.Counselor, new RecordJobSearchActivity(
                    NewId(day), JobSearchActivityKind.InterviewCall, day, Pick(employers), null, null), correlation);
        }

        if (_case.TrainingReferrals.FirstOrDefault(t => t.Outcome == TrainingOutcome.Started) is { } training)
            Step(ref at, counselorId, Role.Counselor, new RecordJobSearchActivity(
                NewId(to), JobSearchActivityKind.TrainingAttendance, to, null, training.Programme, 70 + random.Next(31)), correlation);
        if (_diligence != Diligence.Idle && benefit.Months[^1].From <= to
            && !_case.Benefit!.JobSearchActivities.Any(a => a.Kind == JobSearchActivityKind.EmploymentStatusReport))
            Step(ref at, counselorId, Role.Counselor, new RecordJobSearchActivity(
                NewId(to), JobSearchActivityKind.EmploymentStatusReport, to, null, null, null), correlation);
    }

    /// <summary>
    /// A supervisor hands the case on when its counselor may no longer record (an expired certificate) or for the
    /// visit's own reason. False when nobody certified is left to take it.
    /// </summary>
    private bool Supervise(Visit visit, DateTimeOffset at, string correlation)
    {
        var current = reference.Counselors.FirstOrDefault(c => c.Id == _case!.CounselorId);
        var certified = Certification.RefusalFor(current, _case!.CounselorId, _officeId, visit.Day) is null;
        // A closed case cannot be reassigned: its counselor must be able to reopen it, or the journey ends.
        if (_case.IsClosed) return certified;
        if (certified && visit.ReassignBecause is null) return true;
        if (Pick(CertifiedCounselors(visit.Day, except: _case.CounselorId)) is not { } colleague) return certified;

        var reason = certified ? visit.ReassignBecause! : $"Sertifikat {current?.Certificate?.Number} konselor sebelumnya telah habis masa berlakunya.";
        var supervisor = reference.Supervisors.First(s => s.OfficeId == _officeId);
        Step(ref at, supervisor.Id, Role.Supervisor, new ReassignCase(colleague.Id, colleague.ToRecord(), reason), correlation);
        return true;
    }

    private void Step(ref DateTimeOffset at, string recordedBy, Role role, object command, string correlation)
    {
        var decision = CounselingCase.Decide(_case, command, at);
        if (decision.Refusal is { } refusal)
            throw new InvalidOperationException($"Demo journey {number} planned a step the service refuses ({command.GetType().Name}): {refusal.Reason}");
        foreach (var @event in decision.Events)
        {
            _events.Add(@event);
            _case = CounselingCase.Evolve(_case, @event);
        }
        _steps.Add(new DemoStep(at, _caseId, _officeId, recordedBy, role, command, correlation, $"{correlation}-{_steps.Count + 1:D3}"));
        at = at.AddMinutes(2 + random.Next(4));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Visit NextVisit(int minDays, int maxDays, SessionMode mode = SessionMode.InPerson, SessionTopic[]? topics = null, string notes = "") =>
        Add(new Visit(Weekday(_day.AddDays(random.Next(minDays, maxDays + 1))))
        {
            Mode = mode, Topics = topics ?? [SessionTopic.LabourMarketInformation], Notes = notes,
        });

    /// <summary>Visits fall on strictly later days, so a session's next follow-up is always after it.</summary>
    private Visit Add(Visit visit)
    {
        var day = visit.Day > _day || _visits.Count == 0 ? visit.Day : Weekday(_day.AddDays(1));
        var placed = day == visit.Day ? visit : CopyTo(visit, day);
        _visits.Add(placed);
        _day = day;
        return placed;
    }

    private static Visit CopyTo(Visit visit, DateOnly day)
    {
        var copy = new Visit(day) { HasSession = visit.HasSession, Mode = visit.Mode, Topics = visit.Topics, Notes = visit.Notes };
        copy.Before.AddRange(visit.Before);
        copy.After.AddRange(visit.After);
        return copy;
    }

    /// <summary>Moves the planning day up to <paramref name="day"/> (for something that happens then), never back.</summary>
    private void Reach(DateOnly day)
    {
        if (day > _day) _day = day.AddDays(-1);
    }

    private List<Counselor> CertifiedCounselors(DateOnly day, string? except) =>
        reference.Counselors
            .Where(c => c.OfficeId == _officeId && c.Id != except && Certification.RefusalFor(c, c.Id, _officeId, day) is null)
            .ToList();

    private Vacancy PickVacancy(string? occupation)
    {
        var office = reference.Vacancies.Where(v => v.OfficeId == _officeId).ToList();
        var matching = office.Where(v => v.OccupationCode == occupation).ToList();
        var pool = matching.Count > 0 ? matching : office;
        return Weighted(pool.Select(v => (v, v.Openings)));
    }

    /// <summary>Office hours, 08:00 to 14:30 WIB.</summary>
    private DateTimeOffset OfficeMoment(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), Wib.Offset).AddMinutes(random.Next(0, 390)).ToUniversalTime();

    private Guid NewId(DateOnly day) => DemoIds.Version7(OfficeMoment(day), random);

    private Guid NewId(DateTime at) => DemoIds.Version7(new DateTimeOffset(at, TimeSpan.Zero), random);

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static long RoundTo(long value, long unit) => value / unit * unit;

    private T? Pick<T>(IReadOnlyList<T> items) => items.Count == 0 ? default : items[random.Next(items.Count)];

    private T Weighted<T>(IEnumerable<(T Item, int Weight)> items)
    {
        var list = items.ToList();
        var roll = random.Next(list.Sum(i => i.Weight));
        foreach (var (item, weight) in list)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        throw new InvalidOperationException("Weights must be positive.");
    }
}
