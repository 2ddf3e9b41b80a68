using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Caseloads;
using Counseling.Api.Infrastructure;
using Counseling.Api.Localization;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Counseling.Api.Reports.Monthly;

/// <summary>
/// An office's monthly report: the office, the month, the moment its figures are as of (the month's end, 00:00 WIB on
/// the first of the next month), the signed audit checkpoint they were computed at, the figures and their digest
/// (<see cref="MonthlyDigest"/>), and the names of the counselors the figures list (from the registry: not part of the
/// figures, so not of the digest).
/// </summary>
public sealed record MonthlyReportAnswer(
    string OfficeId,
    string OfficeName,
    string Month,
    DateTimeOffset AsOf,
    Checkpoint Checkpoint,
    string Digest,
    string DigestAlgorithm,
    MonthlyFigures Figures,
    Dictionary<string, string?> CounselorNames);

/// <summary>A monthly report as GET answered it in JSON (its other fields may be sent too and are not read).</summary>
/// <param name="Checkpoint">The checkpoint the report names.</param>
/// <param name="Digest">The digest the report carries.</param>
/// <param name="Figures">The report's figures, exactly as it states them.</param>
public sealed record RecomputeMonthlyReportRequest(Checkpoint? Checkpoint, string? Digest, MonthlyFigures? Figures);

/// <summary>What a recomputation needs of its body; the OpenAPI document states the same (required, not null).</summary>
public sealed class RecomputeMonthlyReportValidator : AbstractValidator<RecomputeMonthlyReportRequest>
{
    public RecomputeMonthlyReportValidator()
    {
        RuleFor(r => r.Checkpoint).NotNull().WithMessage(_ => Texts.Get("Query.CheckpointBody"));
        RuleFor(r => r.Digest).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => Texts.Format("Query.Digest", "digest"))
            .Length(64).WithMessage(_ => Texts.Format("Query.Digest", "digest"))
            .Matches("^[0-9a-f]{64}$").WithMessage(_ => Texts.Format("Query.Digest", "digest"));
        RuleFor(r => r.Figures).NotNull().WithMessage(_ => Texts.Format("Query.ReportFigures", "figures"));
    }
}

/// <summary>
/// What recomputing a monthly report at its checkpoint found. <see cref="Verdict"/> is "matches" when the figures are
/// what the record up to the checkpoint gives and the digest is theirs; otherwise "differs", and
/// <see cref="Differences"/> names each figure (its path in the figures) with the reported and recomputed values.
/// <see cref="HistoryMatchesCheckpoint"/> says whether the events through the checkpoint's sequence still hash to its
/// head: false means the record was changed after the checkpoint was signed (POST /audit/verify says where).
/// </summary>
public sealed record MonthlyRecomputation(
    string Verdict,
    bool Matches,
    bool DigestMatchesFigures,
    string ReportedDigest,
    string RecomputedDigest,
    long CheckpointSequence,
    bool HistoryMatchesCheckpoint,
    IReadOnlyList<FigureDifference> Differences,
    DateTimeOffset CheckedAt);

public static partial class MonthlyReportEndpoints
{
    public const string PdfMediaType = "application/pdf";
    public const string JsonMediaType = "application/json";
    public const string CsvMediaType = "text/csv";

    /// <param name="month">The month, yyyy-MM (WIB calendar). It must have ended: its report is as of its end and never changes.</param>
    [WolverineGet("/offices/{id}/reports/monthly")]
    [ProducesResponseType<MonthlyReportAnswer>(StatusCodes.Status200OK, JsonMediaType, PdfMediaType, CsvMediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json",
        Description = "The month has not ended: its report is made from its end on (the problem's 'errors' name 'month').")]
    [Tags("Reports")]
    [Authorize(Policy = AccessPolicies.Supervision)]
    [EndpointSummary("An office's monthly report as of the month's end at a signed audit checkpoint: a PDF (Indonesian; Accept-Language: en for English), or its figures with Accept: application/json or text/csv")]
    public static async Task<IResult> Get(
        string id, string? month, IDocumentSession session, MonthlyCheckpoint checkpoints, TimeProvider clock, ClaimsPrincipal user,
        HttpContext http, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var query = new QueryParameters();
        var reportMonth = ReportMonth.Parse(month);
        if (reportMonth is null) query.Fail("month", Texts.Format("Query.Month", "month"));
        if (query.Problem is { } invalid) return invalid;

        var caller = Caller.From(user)!;
        var (office, denied) = await OfficeAsync(id, caller, session, cancellation);
        if (denied is not null) return denied;
        if (NotEnded(reportMonth!, now) is { } notEnded) return notEnded;

        var (checkpoint, needed, newest) = await checkpoints.ForAsync(reportMonth!.End, cancellation);
        if (checkpoint is null) return CheckpointBehind(http, needed, newest);

        var figures = await MonthlyFiguresCalculator.ComputeAsync(session, office!.Id, reportMonth, checkpoint.Sequence!.Value, cancellation);
        var staff = await session.Query<Counselor>().Where(c => c.Id.IsOneOf(figures.Counselors.Select(x => x.CounselorId).ToArray()))
            .ToListAsync(cancellation);
        var report = new MonthlyReportAnswer(
            office.Id, office.Name, reportMonth.Text, figures.AsOf, checkpoint, MonthlyDigest.Of(figures), MonthlyDigest.Algorithm, figures,
            figures.Counselors.ToDictionary(c => c.CounselorId, c => staff.FirstOrDefault(s => s.Id == c.CounselorId)?.FullName));

        var format = FormatOf(http.Request);
        var language = LanguageOf(http.Request);
        RecordProduction(session, caller, http, report, format, language, now);
        var name = $"monthly-report-{office.Id}-{reportMonth.Text}";
        return format switch
        {
            JsonMediaType => Results.Ok(report),
            CsvMediaType => Results.File(Csv(report), $"{CsvMediaType}; charset=utf-8", $"{name}.csv"),
            _ => Results.File(MonthlyReportDocument.Render(report, language, $"/offices/{office.Id}/reports/monthly/recompute"),
                PdfMediaType, $"{name}-{language.TwoLetterISOLanguageName}.pdf"),
        };
    }

    [WolverinePost("/offices/{id}/reports/monthly/recompute")]
    [ProducesResponseType<MonthlyRecomputation>(StatusCodes.Status200OK, JsonMediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json",
        Description = "The checkpoint's signature does not verify, or the report's month has not ended.")]
    [Tags("Reports")]
    [Authorize(Policy = AccessPolicies.Supervision)]
    [EndpointSummary("Recompute a monthly report from the audit checkpoint it names: \"matches\", or each figure that differs")]
    public static async Task<IResult> RecomputeMonthlyReport(
        string id, RecomputeMonthlyReportRequest? request, IQuerySession session, CheckpointVerifier verifier, StoredHistory history,
        TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var query = new QueryParameters();
        request ??= new RecomputeMonthlyReportRequest(null, null, null);
        foreach (var failure in RecomputeValidator.Validate(request).Errors)
            query.Fail(JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName), failure.ErrorMessage);
        if (request.Checkpoint is not null && CheckpointEndpoints.InvalidFieldOf(request.Checkpoint) is HttpValidationProblemDetails { Errors: var errors })
            foreach (var (field, messages) in errors) query.Fail($"checkpoint.{JsonNamingPolicy.CamelCase.ConvertName(field)}", messages[0]);
        var reportMonth = ReportMonth.Parse(request.Figures?.ReportMonth);
        if (request.Figures is not null && reportMonth is null) query.Fail("figures.reportMonth", Texts.Format("Query.Month", "figures.reportMonth"));
        if (query.Problem is { } invalid) return invalid;

        var (office, denied) = await OfficeAsync(id, Caller.From(user)!, session, cancellation);
        if (denied is not null) return denied;
        if (request.Figures!.OfficeId != office!.Id)
            return Results.Problem(Problems.InvalidQuery("figures.officeId", Texts.Format("Query.ReportOffice", request.Figures.OfficeId, office.Id)));
        if (NotEnded(reportMonth!, now) is { } notEnded) return notEnded;
        var checkpoint = request.Checkpoint!;
        if (await verifier.RefusalAsync(checkpoint, cancellation) is { } refusal) return CheckpointEndpoints.NotAuthentic(refusal);

        var sequence = checkpoint.Sequence!.Value;
        var recomputed = await MonthlyFiguresCalculator.ComputeAsync(session, office.Id, reportMonth!, sequence, cancellation);
        var differences = MonthlyDigest.Compare(System.Text.Json.Nodes.JsonNode.Parse(MonthlyDigest.CanonicalOf(request.Figures)), recomputed);
        var digestMatches = MonthlyDigest.Of(request.Figures) == request.Digest;
        var head = HistoryChain.Genesis;
        await foreach (var e in history.ReadAsync(0, sequence, cancellation)) head = HistoryChain.Link(head, e);
        var matches = digestMatches && differences.Count == 0;
        return Results.Ok(new MonthlyRecomputation(
            matches ? "matches" : "differs", matches, digestMatches, request.Digest!, MonthlyDigest.Of(recomputed), sequence,
            head == checkpoint.Head, differences, now));
    }

    /// <summary>The office, or its 404, or the 403 for a caller who is neither its supervisor nor an auditor.</summary>
    private static async Task<(Office? Office, IResult? Denied)> OfficeAsync(string id, Caller caller, IQuerySession session, CancellationToken cancellation)
    {
        var office = await session.LoadAsync<Office>(id, cancellation);
        if (office is null) return (null, ReferenceProblems.Unknown("office", id));
        return caller.Role switch
        {
            Role.Auditor => (office, null),
            Role.Supervisor when caller.OfficeId == office.Id => (office, null),
            _ => (null, Results.Problem(CaseAccess.Problem(Texts.Get("Access.OwnOfficeMonthlyReport")))),
        };
    }

    /// <summary>
    /// A month not yet ended is refused rather than reported "so far": a report as of a moment still to come would
    /// change with every event recorded before it, and no checkpoint issued before its end can cover it.
    /// </summary>
    private static IResult? NotEnded(ReportMonth month, DateTimeOffset now) => month.End <= now
        ? null
        : Results.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["month"] = [Texts.Format("Query.MonthNotEnded", month.Text, month.End.ToOffset(Wib.Offset))],
        })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = Texts.Get("Problem.MonthNotEnded"),
            Detail = Texts.Format("Query.MonthNotEnded", month.Text, month.End.ToOffset(Wib.Offset)),
            Type = "https://jkp-counseling.example/problems/month-not-ended",
        });

    private static IResult CheckpointBehind(HttpContext http, long needed, long newest)
    {
        http.Response.Headers.RetryAfter = "5";
        return Results.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = Texts.Get("Problem.CheckpointBehind"),
            Detail = Texts.Format("Problem.CheckpointBehind.Detail", needed, newest),
            Type = "https://jkp-counseling.example/problems/checkpoint-behind",
        });
    }

    /// <summary>
    /// The format asked for with Accept: application/json or text/csv (the first of them it names with the highest
    /// quality); anything else, no Accept included, is the PDF.
    /// </summary>
    public static string FormatOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return PdfMediaType;
        foreach (var media in accepted.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            if (media.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)) return JsonMediaType;
            if (media.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase)) return CsvMediaType;
            if (media.MediaType.Equals(PdfMediaType, StringComparison.OrdinalIgnoreCase)) return PdfMediaType;
        }
        return PdfMediaType;
    }

    /// <summary>
    /// The document's language: Bahasa Indonesia, the offices' language, unless Accept-Language prefers English to it.
    /// (The rest of the API answers in English unless asked for Indonesian; a report filed at an office reads the other way.)
    /// </summary>
    public static CultureInfo LanguageOf(HttpRequest request)
    {
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
            foreach (var language in languages.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = language.Value.Value ?? "";
                if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return CultureInfo.GetCultureInfo("en");
                if (tag.StartsWith("id", StringComparison.OrdinalIgnoreCase)) break;
            }
        return CultureInfo.GetCultureInfo("id");
    }

    /// <summary>The figures as CSV, one per line: "figure,value", the figure named by its path as the recomputation names it.</summary>
    private static byte[] Csv(MonthlyReportAnswer report)
    {
        var lines = new StringBuilder("figure,value\n");
        void Line(string figure, string value) => lines.Append(figure).Append(',').Append(Quoted(value)).Append('\n');
        Line("checkpoint.sequence", report.Checkpoint.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "");
        Line("checkpoint.head", report.Checkpoint.Head ?? "");
        Line("checkpoint.issuedAt", report.Checkpoint.IssuedAt ?? "");
        Line("checkpoint.keyId", report.Checkpoint.KeyId ?? "");
        Line("checkpoint.signature", report.Checkpoint.Signature ?? "");
        Line("digest", report.Digest);
        foreach (var (figure, value) in MonthlyDigest.Flatten(report.Figures))
            Line($"figures.{figure}", value.StartsWith('"') ? JsonSerializer.Deserialize<string>(value)! : value is "null" ? "" : value);
        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    private static string Quoted(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The production as an event of its own stream, committed with the request (Wolverine's transaction) and sealed.</summary>
    private static void RecordProduction(
        IDocumentSession session, Caller caller, HttpContext http, MonthlyReportAnswer report, string format, CultureInfo language, DateTimeOffset now)
    {
        var role = Caller.RoleName(caller.Role);
        AuditTrail.Stamp(session, caller.UserId, role, http.TraceIdentifier);
        var productionId = Guid.CreateVersion7(now);
        session.Events.StartStream(productionId, new MonthlyReportProduced(
            productionId, caller.UserId, role, report.OfficeId, report.Month, format, language.TwoLetterISOLanguageName,
            report.Checkpoint.Sequence!.Value, report.Digest, now));
    }

    private static readonly RecomputeMonthlyReportValidator RecomputeValidator = new();
}
