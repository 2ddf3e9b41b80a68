using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.Infrastructure;
using JasperFx;
using Scalar.AspNetCore;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddCounselingStore();
builder.AddCounselingMessaging();
builder.AddCounselingHttp();
builder.AddCounselingAudit();
builder.AddCounselingAccess();
builder.LimitRequestBodies();
builder.Services.AddExceptionHandler<DatabaseUnavailable>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapScalarApiReference("/docs");
app.MapHealthChecks("/health");
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
    http.AddMiddleware(typeof(AuditTrail), chain => chain.HttpMethods.Contains("POST"));
    http.AddMiddleware(typeof(Certification), Certification.AppliesTo);
});

return await app.RunJasperFxCommands(args);

public partial class Program;
