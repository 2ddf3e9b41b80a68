using Counseling.Api.Localization;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.Cases.Benefit;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Caseloads;

public sealed record RuleImpact(
    string OfficeId,
    string RuleSet,
    DateOnly Today,
    int CasesCompared,
    int CasesDiffering,
    long ActualTotalRupiah,
    long WhatIfTotalRupiah,
    IReadOnlyList<RuleImpactItem> Items,
    bool Truncated,
    Freshness Freshness);

/// <summary>A case whose benefit would differ: no personal data, only the case, its counselor and the figures.</summary>
public sealed record RuleImpactItem(
    Guid CaseId,
    string CounselorId,
    CaseStage Stage,
    string ActualRuleSet,
    long ActualTotalRupiah,
    long WhatIfTotalRupiah,
    IReadOnlyList<string> Differences);

public static class RuleImpactEndpoint
{
    public const int MaxItems = 500;

    /// <param name="ruleSet">The rule set (e.g. PP-37-2021) to re-decide every case of the office under.</param>
    /// <param name="selfEmploymentEndsBenefit">true or false: also read a business of the worker's own as ending the right (or not).</param>
    [WolverineGet("/offices/{id}/rule-impact")]
    [Tags("Caseloads")]
    [Authorize(Policy = AccessPolicies.Supervision)]
    [EndpointSummary("The office's cases whose JKP benefit would differ under another rule set, writing nothing")]
    public static async Task<IResult> Get(
        string id, string? ruleSet, string? selfEmploymentEndsBenefit, IQuerySession session, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(ruleSet))
            return Results.Problem(Counseling.Api.Infrastructure.Problems.InvalidQuery("ruleSet", Texts.Get("Query.RuleSetRequired")));
        if (BenefitRuleSets.Find(ruleSet) is not { } asked) return Results.Problem(RuleSetProblem.Unknown(ruleSet));
        var query = new QueryParameters();
        var reading = query.Bool("selfEmploymentEndsBenefit", selfEmploymentEndsBenefit);
        if (query.Problem is { } problem) return problem;

        var office = await session.LoadAsync<Office>(id, cancellation);
        if (office is null) return ReferenceProblems.Unknown("office", id);
        if (CaseloadAccess.ToDashboard(Caller.From(user)!, office) is { } forbidden) return Results.Problem(forbidden);

        var today = Wib.DateOf(clock.GetUtcNow());
        var freshness = await Freshness.ReadAsync(session, cancellation, CaseloadProjection.ProjectionName);
        // Every case of the office, the closed ones too: a what-if is about money paid as much as money to come.
        // The office's cases from the caseload (its office column), each as its snapshot says, in the caseload's order.
        var caseIds = await session.Query<CaseloadEntry>().Where(e => e.OfficeId == id).OrderBy(e => e.Id)
            .Select(e => e.Id).ToListAsync(cancellation);
        var snapshots = (await session.LoadManyAsync<CounselingCase>(cancellation, caseIds.ToArray())).ToDictionary(c => c.Id);
        var journeys = caseIds.Where(snapshots.ContainsKey).Select(caseId => snapshots[caseId]).ToList();

        var compared = journeys
            .Select(journey => (Journey: journey, Actual: JkpBenefit.For(journey, today)?.WithEntitlement(journey), WhatIf: JkpBenefit.For(journey, today, asked, reading)?.WithEntitlement(journey)))
            .Where(c => c.Actual is not null)
            .Select(c => (c.Journey, Actual: c.Actual!, WhatIf: c.WhatIf!, Differences: JkpBenefit.Differences(c.Actual!, c.WhatIf!)))
            .ToList();
        var differing = compared.Where(c => c.Differences.Count > 0).ToList();

        return Results.Ok(new RuleImpact(
            office.Id, asked.Id, today, compared.Count, differing.Count,
            differing.Sum(c => c.Actual.TotalRupiah), differing.Sum(c => c.WhatIf.TotalRupiah),
            [.. differing.Take(MaxItems).Select(c => new RuleImpactItem(
                c.Journey.Id, c.Journey.CounselorId, c.Journey.Stage, c.Actual.RuleSet, c.Actual.TotalRupiah, c.WhatIf.TotalRupiah, c.Differences))],
            differing.Count > MaxItems, freshness));
    }
}
