using Counseling.Api.Audit.PersonalDataReads;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.PersonalData;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Marten.Linq.MatchesSql;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Caseloads;

/// <summary>A counselor's follow-ups due in a period and every overdue one, with how fresh the projection is.</summary>
public sealed record FollowUpWorklist(
    string CounselorId,
    DateOnly From,
    DateOnly To,
    DateOnly Today,
    int Due,
    int Overdue,
    IReadOnlyList<FollowUpItem> Items,
    IReadOnlyList<BenefitMonthDue> BenefitMonths,
    Freshness Freshness);

/// <summary>
/// A JKP benefit month running today whose conditions are not met yet and whose last day falls from..to: the
/// counselor has until <see cref="To"/> to see the worker's evidence recorded. <see cref="AtRisk"/>: a week or less left.
/// </summary>
public sealed record BenefitMonthDue(
    Guid CaseId,
    string WorkerName,
    string MaskedNik,
    int Month,
    DateOnly From,
    DateOnly To,
    int DaysLeft,
    bool AtRisk,
    long AmountRupiah,
    string? Missing);

/// <summary>One follow-up: the case, the worker, when it is due and whether it is overdue.</summary>
public sealed record FollowUpItem(
    Guid CaseId,
    string WorkerName,
    string MaskedNik,
    CaseStage Stage,
    DateOnly FollowUpOn,
    DateTimeOffset? LastContactAt,
    bool Overdue,
    int DaysOverdue);

public static class FollowUpsEndpoint
{
    public const int DefaultDays = 7;
    public const int MaxDays = 92;
    public const int MaxItems = 500;

    /// <summary>An entry with a benefit month still short of its conditions whose last day falls between the two parameters.</summary>
    internal const string BenefitMonthsDueSql =
        "exists (select 1 from unnest(d.benefit_evidence_due) as due(day) where due.day between ? and ?)";

    [WolverineGet("/counselors/{id}/follow-ups")]
    [ProducesResponseType<FollowUpWorklist>(StatusCodes.Status200OK, "application/json")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [EndpointSummary("A counselor's worklist: follow-ups due from..to (default: the coming week) and every overdue one")]
    public static async Task<IResult> Get(
        string id, string? from, string? to, IQuerySession session, TimeProvider clock, ClaimsPrincipal user, PersonalDataKeyRing keyRing,
        IDocumentStore store, CancellationToken cancellation)
    {
        var (period, refusal) = await CounselorPeriod.OpenAsync(id, from, to, DefaultDays, MaxDays, session, clock, user, cancellation);
        if (refusal is not null) return refusal;
        var (counselor, first, last, today) = period!;

        var freshness = await Freshness.ReadAsync(session, cancellation, CaseloadProjection.ProjectionName);
        var entries = await session.Query<CaseloadEntry>()
            .Where(e => e.CounselorId == id && e.IsOpen && e.NextFollowUpOn != null && e.NextFollowUpOn <= last
                        && (e.NextFollowUpOn >= first || e.NextFollowUpOn < today))
            .OrderBy(e => e.NextFollowUpOn).ThenBy(e => e.Id)
            .Take(MaxItems)
            .ToListAsync(cancellation);

        // Months whose last day falls in the period and not before today: the SQL finds the candidates, the domain tells
        // which of them is the month running today and still short of its conditions.
        var evidenceFrom = first > today ? first : today;
        var withMonthsDue = evidenceFrom > last ? [] : await session.Query<CaseloadEntry>()
            .Where(e => e.CounselorId == id && e.IsOpen && e.MatchesSql(BenefitMonthsDueSql, evidenceFrom, last))
            .OrderBy(e => e.Id)
            .Take(MaxItems)
            .ToListAsync(cancellation);

        var keys = await PersonalDataKeys.ForCasesAsync(session, keyRing, entries.Concat(withMonthsDue).Select(e => e.Id).Distinct(), cancellation);
        var items = entries.Select(e =>
        {
            var due = e.NextFollowUpOn!.Value;
            var key = keys.GetValueOrDefault(e.Id);
            return new FollowUpItem(e.Id, PersonalDataProtection.Reveal(e.WorkerName, key), PersonalDataProtection.MaskedNik(e.ProtectedNik, key), e.Stage, due, e.LastContactAt,
                due < today, Math.Max(0, today.DayNumber - due.DayNumber));
        }).ToList();

        // The month is decided on the case itself, read from its snapshot (the entry holds no copy of the case).
        var cases = withMonthsDue.Count == 0 ? []
            : (await session.LoadManyAsync<CounselingCase>(cancellation, [.. withMonthsDue.Select(e => e.Id)])).ToDictionary(c => c.Id);
        var months = withMonthsDue
            .Select(e => (Entry: e, Month: cases.TryGetValue(e.Id, out var current) ? JkpBenefit.For(current, today)?.MonthOn(today) : null))
            .Where(m => m.Month is { Status: BenefitMonthStatus.Due } month && month.To <= last)
            .Select(m => new BenefitMonthDue(
                m.Entry.Id, PersonalDataProtection.Reveal(m.Entry.WorkerName, keys.GetValueOrDefault(m.Entry.Id)),
                PersonalDataProtection.MaskedNik(m.Entry.ProtectedNik, keys.GetValueOrDefault(m.Entry.Id)),
                m.Month!.Number, m.Month.From, m.Month.To, m.Month.To.DayNumber - today.DayNumber + 1, m.Month.AtRisk,
                m.Month.AmountRupiah, m.Month.Missing))
            .OrderBy(m => m.To).ThenBy(m => m.CaseId)
            .ToList();

        await PersonalDataReadLog.RecordListAsync(store, Caller.From(user)!, items.Select(i => i.CaseId).Concat(months.Select(m => m.CaseId)),
            "follow-ups", clock, cancellation);
        return Results.Ok(new FollowUpWorklist(
            counselor.Id, first, last, today, items.Count(i => !i.Overdue), items.Count(i => i.Overdue), items, months, freshness));
    }
}
