using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Cases;
using Counseling.Api.Localization;
using Counseling.Api.Observability;
using Counseling.Api.PersonalData;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace Counseling.Api.Infrastructure;

/// <summary>The service as Program runs it, composed in one place so a command can build it again with a service replaced.</summary>
public static class CounselingService
{
    /// <param name="replaceServices">Runs after the service's own registrations, e.g. to run it on a clock of the caller's.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replaceServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Before anything else: a start that could trust the public development key must not happen at all.
        DevelopmentKeyGuard.Check(builder);

        builder.Services.AddSingleton(ServiceKeys.From(builder.Configuration, builder.Environment));
        builder.AddCounselingStore();
        builder.AddCounselingMessaging();
        builder.AddCounselingHttp();
        builder.AddCounselingAudit();
        builder.AddCounselingAccess();
        builder.LimitRequestBodies();
        builder.AddWriteRateLimit();
        // In this order: a lock wait that timed out is also one of Npgsql's "transient" errors.
        builder.Services.AddExceptionHandler<CaseLocked>();
        builder.AddCounselingObservability();
        builder.AddCounselingLocalization();
        builder.Services.AddExceptionHandler<DatabaseUnavailable>();
        CheckedReplays.Wrap(builder.Services);
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();

        app.UseSecurityHeaders();
        app.UseMetricsGuard();
        app.UseCorrelationLogScope();
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseNilCaseIdAsUnknownCase();
        // After authorization, so that writes are counted per authenticated caller.
        app.UseRateLimiter();
        // Ciphertext from a client is refused before any endpoint reads the body (PersonalData/CiphertextInput.cs).
        app.UseCiphertextInputRefusal();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapCounselingOperatorEndpoints();
        app.MapWolverineEndpoints(http =>
        {
            // Every endpoint needs a valid token; each endpoint names the roles it serves.
            http.RequireAuthorizeOnAll();
            // A query value that does not parse ("?version=abc") is a 400, not a silent default.
            http.RejectUnparseableQueryValues = true;
            // A stale If-Match or a lost race on a stream answers 412/409 problem details, never a 500.
            http.MapConcurrencyFailuresToConflict();
            // The Idempotency-Key record commits in the same transaction as the events it answers for.
            http.DefaultClaimInTransaction = true;
            // Every event a write appends records who, in answer to which request, within which correlation.
            http.ApplyCorrelationIdHeaderToAllEndpoints = true;
            http.AddMiddleware(typeof(AuditTrail), chain => chain.HttpMethods.Contains("POST") || chain.HttpMethods.Contains("PUT"));
            // Every step on an existing case: access, validation, If-Match and the domain's decision, in that order.
            http.AddMiddlewareByMessageType(typeof(CaseStepMiddleware));
        });
        return app;
    }
}
