using Counseling.Api.Localization;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Caseloads;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using CsvHelper;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Counseling.Api.Reports;

public static class OutcomeReportEndpoint
{
    /// <summary>Ten years of intakes: every case this service will hold for a while.</summary>
    public const int MaxDays = 3_660;

    public const string CsvMediaType = "text/csv";

    /// <param name="groupBy">office (default), counselor, intakeMonth (the cohort triangle), trainingPath or terminationReason.</param>
    /// <param name="from">First intake day counted (default: the first of the month eleven months before <paramref name="to"/>).</param>
    /// <param name="to">Last intake day counted (default: today, or the day of <paramref name="asOf"/>).</param>
    /// <param name="asOf">The report exactly as it stood at this moment, from the events recorded by then.</param>
    /// <param name="officeId">One office (a supervisor's own is implied); absent, every office the caller may see.</param>
    [WolverineGet("/reports/outcomes")]
    [ProducesResponseType<OutcomeReportAnswer>(StatusCodes.Status200OK, "application/json")]
    [Tags("Reports")]
    [Authorize(Policy = AccessPolicies.Reporting)]
    [EndpointSummary("Outcomes of the cases opened from..to, by office, counselor, intake month (cohorts), training path or termination reason; Accept: text/csv exports it")]
    public static async Task<IResult> Get(
        string? groupBy, string? from, string? to, string? asOf, string? officeId,
        IDocumentSession session, ReportReads reads, TimeProvider clock, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var parameters = new QueryParameters();
        var grouping = parameters.Enum("groupBy", groupBy, Enum.GetValues<OutcomeGrouping>()) ?? OutcomeGrouping.Office;
        var moment = parameters.PastMoment("asOf", asOf, now);
        var cut = Wib.DateOf(moment ?? now);
        var last = parameters.Date("to", to, cut);
        var first = parameters.Date("from", from, new DateOnly(last.Year, last.Month, 1).AddMonths(-11));
        parameters.Period(first, last, MaxDays);
        if (parameters.Problem is { } problem) return problem;

        var caller = Caller.From(user)!;
        var (scope, denied) = await ScopeAsync(caller, officeId, session, cancellation);
        if (denied is not null) return denied;

        var query = new OutcomeReport.Query(grouping, first, last, scope);
        // The report reads on the read-only connection when one is set (a standby); the export's event below is
        // written by the request's own session, on the primary.
        OutcomeReportAnswer report;
        await using (var heavy = await reads.OpenAsync(session, cancellation))
        {
            report = moment is { } past
                ? await OutcomeReport.AsOfAsync(heavy.Session, query, past, cancellation)
                : await OutcomeReport.CurrentAsync(heavy.Session, query, cut, cancellation);
        }

        if (!WantsCsv(http.Request)) return Results.Ok(report);

        var csv = Csv(report.Groups);
        RecordExport(session, caller, http, report, csv.Rows, now);
        return Results.File(csv.Bytes, $"{CsvMediaType}; charset=utf-8",
            $"outcomes-by-{report.GroupBy}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}{(moment is null ? "" : $"-as-of-{moment:yyyyMMddTHHmmssZ}")}.csv");
    }

    /// <summary>Which office the report covers (null: all), or the 403/404 for a caller who may not have it.</summary>
    private static async Task<(string? OfficeId, IResult? Denied)> ScopeAsync(
        Caller caller, string? officeId, IQuerySession session, CancellationToken cancellation)
    {
        if (caller.Role == Role.Supervisor)
        {
            if (string.IsNullOrEmpty(caller.OfficeId))
                return (null, Results.Problem(CaseAccess.Problem(Texts.Get("Access.SupervisorTokenWithoutOffice"))));
            if (officeId is not null && officeId != caller.OfficeId)
                return (null, Results.Problem(CaseAccess.Problem(
                    Texts.Format("Access.OwnOfficeReports", caller.OfficeId))));
            return (caller.OfficeId, null);
        }
        if (officeId is null) return (null, null);
        return await session.LoadAsync<Office>(officeId, cancellation) is null
            ? (null, ReferenceProblems.Unknown("office", officeId))
            : (officeId, null);
    }

    private static bool WantsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase));

    /// <summary>The groups as CSV (CsvHelper's generated writer, invariant culture): UTF-8 without a byte-order mark, a header row.</summary>
    private static (byte[] Bytes, int Rows) Csv(IReadOnlyList<OutcomeGroup> groups)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, CsvWriterOptions.For<OutcomeGroup>(), leaveOpen: true))
        {
            csv.WriteRecords(groups);
        }
        return (output.ToArray(), groups.Count);
    }

    /// <summary>The export as an event of its own stream, committed with the request (Wolverine's transaction) and sealed.</summary>
    private static void RecordExport(IDocumentSession session, Caller caller, HttpContext http, OutcomeReportAnswer report, int rows, DateTimeOffset now)
    {
        var role = Caller.RoleName(caller.Role);
        AuditTrail.Stamp(session, caller.UserId, role, http.TraceIdentifier);
        var exportId = Guid.CreateVersion7(now);
        session.Events.StartStream(exportId, new OutcomeReportExported(
            exportId, caller.UserId, role, "outcomes", http.Request.QueryString.Value ?? "", CsvMediaType, rows, now));
    }
}
