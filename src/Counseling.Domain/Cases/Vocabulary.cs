namespace Counseling.Domain.Cases;

/// <summary>Why the employment ended (alasan PHK). Only some reasons qualify for JKP.</summary>
public enum TerminationReason
{
    Efficiency,
    CompanyClosure,
    Bankruptcy,
    MergerOrAcquisition,
    Restructuring,
    ForceMajeure,
    ContractTerminatedEarly,
    Resignation,
    Retirement,
    Death,
    PermanentTotalDisability,
    /// <summary>A fixed-term contract (PKWT) reached its end date: not a PHK for JKP (PP 37/2021 Pasal 20 ayat (2)).</summary>
    ContractRanToTerm,
}

/// <summary>How a counseling session was held: in person, by phone or by video.</summary>
public enum SessionMode
{
    InPerson,
    Phone,
    Video,
}

/// <summary>What a counseling session covered.</summary>
public enum SessionTopic
{
    SelfAssessmentResults,
    OccupationInformation,
    LabourMarketInformation,
    TrainingInformation,
    JobSearchSkills,
    Other,
}

/// <summary>Where a case stands in the journey. Always derived from its events, never set by hand.</summary>
public enum CaseStage
{
    Intake,
    Assessment,
    JobSearch,
    Training,
    Placed,
    SelfEmployed,
    Closed,
}

/// <summary>The worker's highest completed education.</summary>
public enum EducationLevel
{
    None,
    PrimarySchool,
    JuniorHighSchool,
    SeniorHighSchool,
    VocationalHighSchool,
    Diploma,
    Bachelor,
    Postgraduate,
}

/// <summary>What the self-assessment (asesmen diri) concluded about the worker's next step.</summary>
public enum Readiness
{
    ReadyForWork,
    NeedsTraining,
    ConsideringSelfEmployment,
}

/// <summary>What came of a job referral.</summary>
public enum JobReferralOutcome
{
    InterviewScheduled,
    Hired,
    Rejected,
    NoShow,
    Withdrawn,
}

/// <summary>BLK courses, apprenticeships (pemagangan) and competency tests (uji kompetensi).</summary>
public enum TrainingKind
{
    Course,
    Apprenticeship,
    CompetencyTest,
}

/// <summary>What came of a training referral: started, completed, dropped out, or a competency test result.</summary>
public enum TrainingOutcome
{
    Started,
    Completed,
    DroppedOut,
    CertifiedCompetent,
    NotYetCompetent,
}

/// <summary>PKWTT is a permanent contract, PKWT a fixed-term one.</summary>
public enum ContractType
{
    Permanent,
    FixedTerm,
    Daily,
    Outsourced,
}

/// <summary>Why a case was closed.</summary>
public enum ClosureReason
{
    Placed,
    SelfEmployed,
    BenefitPeriodEnded,
    Unreachable,
    Withdrew,
    Other,
    /// <summary>The worker died: the JKP benefit ends (PP 6/2025 Pasal 40).</summary>
    Died,
}

/// <summary>What a worker did to look for work, as the benefit's monthly evidence counts it.</summary>
public enum JobSearchActivityKind
{
    Application,
    InterviewCall,
    SelectionTestCall,
    /// <summary>Attendance of a training over the month, as a percentage.</summary>
    TrainingAttendance,
    /// <summary>The employment-status form the last benefit month needs.</summary>
    EmploymentStatusReport,
}
