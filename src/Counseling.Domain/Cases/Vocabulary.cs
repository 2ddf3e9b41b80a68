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
}

public enum SessionMode
{
    InPerson,
    Phone,
    Video,
}

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
