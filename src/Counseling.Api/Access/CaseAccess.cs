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
        _ => Problem("Erasure requests are carried out by an administrator or the supervisor of the case's office."),
    };

    public static ProblemDetails? ToOpen(Caller caller, string officeId, string counselorId) =>
        caller.Role == Role.Counselor && caller.OfficeId == officeId && caller.UserId == counselorId
            ? null
            : Problem("A counselor opens cases for themselves, at their own office: officeId and counselorId must be yours.");

    private static ProblemDetails Forbidden(Caller caller, CounselingCase @case) => Problem(caller.Role switch
    {
        Role.Counselor when @case.CounselorId == caller.UserId =>
            $"The case belongs to office {@case.OfficeId}; you work at {caller.OfficeId}.",
        Role.Counselor => "The case is assigned to another counselor.",
        Role.Supervisor => "The case belongs to another office.",
        Role.Auditor => "Auditors read; they do not change cases.",
        _ => $"The {Caller.RoleName(caller.Role)} role has no access to cases.",
    });

    public static ProblemDetails Problem(string detail) => new()
    {
        Type = "https://jkp-counseling.example/problems/forbidden",
        Title = Texts.Get("Problem.Forbidden"),
        Status = StatusCodes.Status403Forbidden,
        Detail = detail,
    };
}
