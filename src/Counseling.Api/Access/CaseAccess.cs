using Counseling.Api.Localization;
using Counseling.Domain.Cases;

namespace Counseling.Api.Access;

/// <summary>
/// Object-level access to cases: a counselor reaches only the cases assigned to them at the office they work at, a
/// supervisor every case of their own office, an auditor every case (read only). The caller's office is the one their
/// registration confirmed (RegisteredCaller). Each check returns the 403 problem, or null when allowed.
/// </summary>
public static class CaseAccess
{
    public static ProblemDetails? ToRead(Caller caller, CounselingCase @case) => caller.Role switch
    {
        Role.Auditor => null,
        Role.Supervisor when @case.OfficeId == caller.OfficeId => null,
        Role.Counselor when @case.CounselorId == caller.UserId && @case.OfficeId == caller.OfficeId => null,
        _ => Forbidden(caller, @case),
    };

    public static ProblemDetails? ToWrite(Caller caller, CounselingCase @case) => caller.Role switch
    {
        Role.Counselor when @case.CounselorId == caller.UserId && @case.OfficeId == caller.OfficeId => null,
        Role.Supervisor when @case.OfficeId == caller.OfficeId => null,
        _ => Forbidden(caller, @case),
    };

    /// <summary>Erasure requests are carried out by an administrator or the supervisor of the case's office.</summary>
    public static ProblemDetails? ToErase(Caller caller, CounselingCase @case) => caller.Role switch
    {
        Role.Admin => null,
        Role.Supervisor when @case.OfficeId == caller.OfficeId => null,
        _ => Problem(Texts.Get("Access.ErasureBy")),
    };

    /// <summary>
    /// An erasure request is approved by an administrator who did not take it in (four eyes: one administrator alone
    /// cannot erase a case). A 403 that says what is missing: another administrator.
    /// </summary>
    public static ProblemDetails? ToApproveErasure(Caller caller, CounselingCase @case) => caller.Role switch
    {
        Role.Admin when @case.PendingErasure is { } pending && pending.RequestedBy == caller.UserId =>
            Problem(Texts.Format("Access.ErasureSecondPerson", caller.UserId, pending.RequestReference)),
        Role.Admin => null,
        _ => Problem(Texts.Get("Access.ErasureApprovedBy")),
    };

    public static ProblemDetails? ToOpen(Caller caller, string officeId, string counselorId) =>
        caller.Role == Role.Counselor && caller.OfficeId == officeId && caller.UserId == counselorId
            ? null
            : Problem(Texts.Get("Access.OpenOwnCases"));

    private static ProblemDetails Forbidden(Caller caller, CounselingCase @case) => Problem(caller.Role switch
    {
        Role.Counselor when @case.CounselorId == caller.UserId =>
            Texts.Format("Access.CaseAtOtherOffice", @case.OfficeId, caller.OfficeId),
        Role.Counselor => Texts.Get("Access.OtherCounselor"),
        Role.Supervisor => Texts.Get("Access.OtherOffice"),
        Role.Auditor => Texts.Get("Access.AuditorsRead"),
        _ => Texts.Format("Access.RoleHasNoCases", Caller.RoleName(caller.Role)),
    });

    public static ProblemDetails Problem(string detail) => new()
    {
        Type = "https://jkp-counseling.example/problems/forbidden",
        Title = Texts.Get("Problem.Forbidden"),
        Status = StatusCodes.Status403Forbidden,
        Detail = detail,
    };
}
