using Counseling.Api.Localization;
using System.Security.Claims;
using Counseling.Api.Access;
using Counseling.Api.Caseloads;
using Counseling.Api.Infrastructure;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Counseling.Api.Cases.Benefit;

/// <summary>
/// A case's benefit as its history decides it (<see cref="Actual"/>) and, when a rule set is asked for, the same
/// history re-decided under it (<see cref="WhatIf"/>), with what would differ. Nothing is written.
/// </summary>
public sealed record BenefitWhatIf(
    Guid CaseId, DateOnly Today, BenefitSchedule Actual, BenefitSchedule? WhatIf, IReadOnlyList<string> Differences);

public static class BenefitWhatIfEndpoint
{
    /// <param name="ruleSet">A rule set id (e.g. PP-37-2021) to re-decide the stored history under.</param>
    /// <param name="selfEmploymentEndsBenefit">true or false: re-decide the history reading a business of the worker's own as ending the right (or not).</param>
    [WolverineGet("/cases/{id}/benefit")]
    [Authorize(Policy = AccessPolicies.CaseReaders)]
    [Tags("Cases")]
    [EndpointSummary("The case's JKP benefit month by month; with ?ruleSet= or ?selfEmploymentEndsBenefit= the same history re-decided under another rule set or reading, writing nothing")]
    public static async Task<IResult> Get(
        Guid id, string? ruleSet, string? selfEmploymentEndsBenefit, ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        BenefitRuleSet? asked = null;
        if (!string.IsNullOrWhiteSpace(ruleSet) && (asked = BenefitRuleSets.Find(ruleSet)) is null)
            return Results.Problem(RuleSetProblem.Unknown(ruleSet));
        var query = new QueryParameters();
        var reading = query.Bool("selfEmploymentEndsBenefit", selfEmploymentEndsBenefit);
        if (query.Problem is { } problem) return problem;

        var current = await session.LoadAsync<CounselingCase>(id, cancellation);
        if (current is null) return Results.Problem(Problems.CaseNotFound(id));
        if (CaseAccess.ToRead(Caller.From(user)!, current) is { } forbidden) return Results.Problem(forbidden);

        var today = Wib.DateOf(clock.GetUtcNow());
        var actual = JkpBenefit.For(current, today)!.WithEntitlement(current);
        var whatIf = asked is null && reading is null ? null : JkpBenefit.For(current, today, asked, reading)!.WithEntitlement(current);
        return Results.Ok(new BenefitWhatIf(id, today, actual, whatIf, whatIf is null ? [] : JkpBenefit.Differences(actual, whatIf)));
    }
}

public static class RuleSetProblem
{
    public static ProblemDetails Unknown(string ruleSet) => Problems.InvalidQuery("ruleSet",
        Texts.Format("Query.UnknownRuleSet", ruleSet, string.Join(", ", BenefitRuleSets.All.Select(r => r.Id))));
}
