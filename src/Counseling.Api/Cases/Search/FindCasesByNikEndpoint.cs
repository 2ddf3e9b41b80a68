using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.Audit.PersonalDataReads;
using Counseling.Api.Cases.Intake;
using Counseling.Api.Infrastructure;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Cases.Search;

/// <summary>
/// A case of the worker searched for. Where it is and whether it is open is shown to every case reader, so a returning
/// worker is referred to the office that holds their open case; <see cref="Stage"/>, <see cref="OpenedOn"/>,
/// <see cref="CounselorId"/> and <see cref="Worker"/> only where the caller may read the case, else null (a counselor
/// of another office needs no more to refer the worker on, and a NIK search must not tell a stranger how a worker's
/// claim is going or who counsels them).
/// </summary>
public sealed record FoundCase(
    Guid CaseId, string OfficeId, CaseStage? Stage, bool IsOpen, DateOnly? OpenedOn, string? CounselorId, WorkerDetails? Worker);

public sealed record FoundCases(IReadOnlyList<FoundCase> Items);

public static class FindCasesByNikEndpoint
{
    public const string View = "nik-search";

    /// <param name="nik">The worker's NIK (16 digits).</param>
    [WolverineGet("/cases")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [Tags("Cases")]
    [EndpointSummary("A returning worker: every case of the worker with this NIK, at any office (personal data only where you may read the case)")]
    public static async Task<IResult> Get(
        string? nik, ClaimsPrincipal user, IDocumentSession session, NikBlindIndex index, PersonalDataKeyRing keyRing,
        TimeProvider clock, CancellationToken cancellation)
    {
        if (nik is null || !OpenCaseValidator.IsNik(nik)) return Results.Problem(Problems.InvalidQuery("nik", OpenCaseValidator.NikMessage));

        var caller = Caller.From(user)!;
        var cases = await ReturningWorkers.CasesOfAsync(session, index, nik, cancellation);
        var readable = cases.Where(c => CaseAccess.ToRead(caller, c) is null).Select(c => c.Id).ToList();
        var keys = await PersonalDataKeys.ForCasesAsync(session, keyRing, readable, cancellation);

        // A search by NIK is a read of personal data whoever makes it (a counselor too): recorded for each case it
        // found, and once with no case when it found none.
        foreach (var found in cases.Count == 0 ? [Guid.Empty] : cases.Select(c => c.Id))
            PersonalDataReadLog.Record(session, caller, found, View, clock);

        return Results.Ok(new FoundCases([.. cases.Select(c => readable.Contains(c.Id)
            ? new FoundCase(c.Id, c.OfficeId, c.Stage, !c.IsClosed, c.OpenedOn, c.CounselorId,
                PersonalDataProtection.Reveal(c.Worker, keys.GetValueOrDefault(c.Id)))
            : new FoundCase(c.Id, c.OfficeId, null, !c.IsClosed, null, null, null))]));
    }
}
