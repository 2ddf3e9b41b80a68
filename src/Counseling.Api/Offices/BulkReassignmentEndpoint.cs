using Counseling.Api.Localization;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.Cases;
using Counseling.Api.Infrastructure;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Reassignment;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Offices;

/// <summary>Move every open case of one counselor of the office (optionally of one stage) to another counselor.</summary>
public sealed record BulkReassignmentRequest(string? FromCounselorId, string? ToCounselorId, CaseStage? Stage, string? Reason);

public sealed class BulkReassignmentValidator : AbstractValidator<BulkReassignmentRequest>
{
    public BulkReassignmentValidator()
    {
        RuleFor(r => r.FromCounselorId).Identifier();
        RuleFor(r => r.ToCounselorId).Identifier()
            .NotEqual(r => r.FromCounselorId).WithMessage(_ => Texts.Get("Validation.DistinctCounselors"));
        RuleFor(r => r.Stage).IsInEnum().NotEqual(CaseStage.Closed).WithMessage(_ => Texts.Get("Validation.OpenStageOnly"));
        RuleFor(r => r.Reason).RequiredText(2000);
    }
}

/// <summary>How many cases moved, and which; a retry with the same Idempotency-Key gets this same answer.</summary>
public sealed record BulkReassignmentDone(string OfficeId, string FromCounselorId, string ToCounselorId, int Moved, IReadOnlyList<Guid> CaseIds);

public static class BulkReassignmentEndpoint
{
    /// <summary>The most cases one request moves; a larger caseload is moved by repeating the request (it takes what is left).</summary>
    public const int MaxCases = 5_000;

    public static async Task<ProblemDetails> ValidateAsync(
        string id, BulkReassignmentRequest request, ClaimsPrincipal user, IDocumentSession session, CounselorRegistry counselors,
        CancellationToken cancellation)
    {
        if (RequestValidators.Validate(request) is { IsValid: false } invalid) return Problems.InvalidInput(invalid.Errors);
        if (await session.LoadAsync<Office>(id, cancellation) is null)
            return Problems.From(Refusal.NotFound("id", Why.NoSuchOffice, id));
        if (Caller.From(user) is not { OfficeId: var callerOffice } || callerOffice != id)
            return CaseAccess.Problem(Texts.Format("Access.BulkByOwnSupervisor", id));
        var to = (await counselors.FindAsync(request.ToCounselorId!, cancellation))?.ToRecord();
        return ReassignCase.TargetRefusal(request.ToCounselorId!, to, id) is { } refusal
            ? Problems.From(refusal with { Field = "toCounselorId" })
            : WolverineContinue.NoProblems;
    }

    [WolverinePost("/offices/{id}/reassignments"), Idempotent]
    [Authorize(Policy = AccessPolicies.Reassigners)]
    [Tags("Caseloads")]
    [EndpointSummary("Move every open case of a counselor (optionally of one stage) to another counselor of the office")]
    public static async Task<BulkReassignmentDone> Post(
        string id, BulkReassignmentRequest request, IDocumentSession session, CounselorRegistry counselors, TimeProvider clock,
        CancellationToken cancellation)
    {
        var to = (await counselors.FindAsync(request.ToCounselorId!, cancellation))?.ToRecord();
        // The snapshots are written with the events (inline), so no case written before this request is missed.
        var candidates = await session.Query<CounselingCase>()
            .Where(c => c.OfficeId == id && c.CounselorId == request.FromCounselorId && c.ClosedBecause == null)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .Take(MaxCases)
            .ToListAsync(cancellation);

        var now = clock.GetUtcNow();
        var moved = new List<Guid>();
        foreach (var caseId in candidates)
        {
            var stream = await session.Events.FetchForExclusiveWriting<CounselingCase>(caseId, cancellation);
            // Read again under the lock: the case may have moved or closed since the query.
            if (stream.Aggregate is not { } current || current.CounselorId != request.FromCounselorId || current.IsClosed) continue;
            if (request.Stage is { } stage && current.Stage != stage) continue;

            // The target was checked for the office before; each case is still decided on its own state.
            var decision = current.Decide(new ReassignCase(request.ToCounselorId!, to, request.Reason!), now);
            if (decision.IsRefused) continue;
            stream.AppendMany(decision.Events);
            moved.Add(caseId);
        }
        return new BulkReassignmentDone(id, request.FromCounselorId!, request.ToCounselorId!, moved.Count, moved);
    }
}

