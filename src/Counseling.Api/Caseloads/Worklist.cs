using Counseling.Api.Audit.PersonalDataReads;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Placements;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Caseloads;

/// <summary>The kinds of work a case asks of its counselor.</summary>
public enum WorkKind
{
    /// <summary>A follow-up date set in a session.</summary>
    FollowUp,
    /// <summary>The placement follow-up, due three months after the job started.</summary>
    PlacementFollowUp,
    /// <summary>Six months after the job started, a placed worker found still employed at three months is asked again.</summary>
    RetentionCheck,
    /// <summary>An action of the employment plan falls due.</summary>
    PlanAction,
    /// <summary>No contact with the worker for 30 days.</summary>
    NoContact,
    /// <summary>A JKP benefit month whose job-search evidence is still short, by its last day (listed while it runs).</summary>
    BenefitEvidence,
}

/// <summary>One thing due on a case, with why.</summary>
public sealed record WorkDue(WorkKind Kind, DateOnly DueOn, string Why);

public sealed record WorklistItem(Guid CaseId, string WorkerName, string MaskedNik, WorkKind Kind, DateOnly DueOn, string Why, bool Overdue);

public sealed record WorklistView(
    string CounselorId, DateOnly From, DateOnly To, DateOnly Today, int Due, int Overdue, IReadOnlyList<WorklistItem> Items, Freshness Freshness);

/// <summary>
/// A counselor's working day in one list: everything due on their open cases within a period, and everything overdue,
/// overdue first. The items are derived as the caseload projection keeps each case's entry, so the list is as fresh as
/// the caseload.
/// </summary>
public static class Worklist
{
    /// <summary>Without contact for this long, a case asks for a call.</summary>
    public const int NoContactDays = 30;

    /// <summary>
    /// The retention check after the placement follow-up: employment two quarters after the start, as programme
    /// reporting elsewhere reads it (WIOA's second-quarter indicator); JKP's texts set no such check.
    /// </summary>
    public const int RetentionCheckAfterMonths = 6;

    public static IReadOnlyList<WorkDue> DueOn(CounselingCase journey)
    {
        if (journey.IsClosed) return [];
        var due = new List<WorkDue>();
        if (journey.NextFollowUpOn is { } followUp)
            due.Add(new WorkDue(WorkKind.FollowUp, followUp, "Follow-up date set in the last session."));
        if (journey.Placement is { StillEmployed: null } placement)
            due.Add(new WorkDue(WorkKind.PlacementFollowUp, placement.StartsOn.AddMonths(FollowUpPlacement.AfterMonths),
                $"Three months since the job at {placement.Employer} started on {placement.StartsOn:yyyy-MM-dd}: is the worker still employed?"));
        if (journey.Placement is { StillEmployed: true } kept)
            due.Add(new WorkDue(WorkKind.RetentionCheck, kept.StartsOn.AddMonths(RetentionCheckAfterMonths),
                $"Six months since the job at {kept.Employer} started on {kept.StartsOn:yyyy-MM-dd}: is the worker still employed? " +
                "Log the call as a session and close the case as placed."));
        if (journey.Plan is { } plan)
            due.AddRange(plan.Actions.Select(action => new WorkDue(WorkKind.PlanAction, action.DueOn,
                $"Action of employment plan version {plan.Version} ({action.Who}), due {action.DueOn:yyyy-MM-dd}.")));
        if (JkpBenefit.For(journey, DateOnly.MinValue) is { } benefit)
            due.AddRange(benefit.Months
                .Where(m => m.Status is not (BenefitMonthStatus.Met or BenefitMonthStatus.Lapsed))
                .Select(m => new WorkDue(WorkKind.BenefitEvidence, m.To,
                    $"Benefit month {m.Number} ({m.From:yyyy-MM-dd} to {m.To:yyyy-MM-dd}): the worker's job-search evidence is still short.")));
        if (!journey.IsPlaced && !journey.IsSelfEmployed)
        {
            var lastContact = Wib.DateOf(journey.LastContactAt ?? journey.OpenedAt);
            due.Add(new WorkDue(WorkKind.NoContact, lastContact.AddDays(NoContactDays),
                $"No contact since {lastContact:yyyy-MM-dd}: {NoContactDays} days without a session."));
        }
        return due;
    }
}

public static class WorklistEndpoint
{
    public const int DefaultDays = 7;
    public const int MaxDays = 92;
    public const int MaxItems = 1_000;

    [WolverineGet("/counselors/{id}/worklist")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [EndpointSummary("A counselor's worklist: follow-ups, placement follow-ups, plan actions and silent cases due from..to, overdue first")]
    public static async Task<IResult> Get(
        string id, string? from, string? to, IQuerySession session, TimeProvider clock, ClaimsPrincipal user, PersonalDataKeyRing keyRing,
        IDocumentStore store, CancellationToken cancellation)
    {
        var (period, refusal) = await CounselorPeriod.OpenAsync(id, from, to, DefaultDays, MaxDays, session, clock, user, cancellation);
        if (refusal is not null) return refusal;
        var (counselor, first, last, today) = period!;

        var freshness = await Freshness.ReadAsync(session, cancellation, CaseloadProjection.ProjectionName);
        var entries = await session.Query<CaseloadEntry>()
            .Where(e => e.CounselorId == id && e.IsOpen)
            .Select(e => new DueEntry(e.Id, e.WorkerName, e.ProtectedNik, e.Due))
            .ToListAsync(cancellation);

        var due = entries
            .SelectMany(e => e.Due.Where(d => (d.DueOn < today && d.Kind != WorkKind.BenefitEvidence) || (d.DueOn >= first && d.DueOn <= last)).Select(d => (Entry: e, Due: d)))
            .OrderBy(x => x.Due.DueOn >= today).ThenBy(x => x.Due.DueOn).ThenBy(x => x.Entry.Id).ThenBy(x => x.Due.Kind)
            .Take(MaxItems)
            .ToList();
        var keys = await PersonalDataKeys.ForCasesAsync(session, keyRing, due.Select(x => x.Entry.Id).Distinct(), cancellation);
        var items = due.Select(x => new WorklistItem(
            x.Entry.Id, PersonalDataProtection.Reveal(x.Entry.WorkerName, keys.GetValueOrDefault(x.Entry.Id)),
            PersonalDataProtection.MaskedNik(x.Entry.ProtectedNik, keys.GetValueOrDefault(x.Entry.Id)),
            x.Due.Kind, x.Due.DueOn, x.Due.Why, x.Due.DueOn < today)).ToList();
        await PersonalDataReadLog.RecordListAsync(store, Caller.From(user)!, items.Select(i => i.CaseId), "worklist", clock, cancellation);

        return Results.Ok(new WorklistView(
            counselor.Id, first, last, today, items.Count(i => !i.Overdue), items.Count(i => i.Overdue), items, freshness));
    }

    private sealed record DueEntry(Guid Id, string WorkerName, string ProtectedNik, IReadOnlyList<WorkDue> Due);
}
