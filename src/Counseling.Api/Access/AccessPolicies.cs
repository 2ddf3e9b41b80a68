namespace Counseling.Api.Access;

/// <summary>Who may call which endpoints at all. Which cases and offices they may touch is checked per object.</summary>
public static class AccessPolicies
{
    public const string Counselors = "counselors";
    public const string CaseReaders = "case-readers";
    public const string Reassigners = "reassigners";
    /// <summary>Supervisors only: approving plans, answering transfers.</summary>
    public const string Supervisors = "supervisors";
    public const string Auditors = "auditors";
    public const string Supervision = "supervision";
    public const string ErasureOfficers = "erasure-officers";
    public const string Administrators = "administrators";
    public const string Reporting = "reporting";
}
