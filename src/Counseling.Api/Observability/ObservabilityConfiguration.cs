using Counseling.Api.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Counseling.Api.Observability;

/// <summary>Traces, metrics, logs and health, as an operator reads them (docs/operations.md, "Operating the service").</summary>
public static class ObservabilityConfiguration
{
    public const string ReadyTag = "ready";

    public static void AddCounselingObservability(this WebApplicationBuilder builder)
    {
        // Every log line carries the trace and span ids of the request it belongs to (JSON console logs: appsettings.json).
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // ASP.NET's request lines log the whole URL, query string included, and GET /cases?nik= carries a NIK there: they
        // are never logged, whatever level Microsoft.AspNetCore is set to (the metrics still count and time requests).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.Services.AddSingleton<ProjectionLagMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProjectionLagMonitor>());
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<ProjectionsRunningCheck>("projections", tags: [ReadyTag]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("counseling-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CounselingTelemetry.LibraryMeters)
                .AddMeter(CounselingTelemetry.MeterName)
                .AddPrometheusExporter());
        // Traces only where a collector is named (the exporter reads OTEL_EXPORTER_OTLP_* itself): without one, recording
        // a span per request and per database command would cost the write path for nothing.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(aspNet =>
                    {
                        aspNet.Filter = http => !IsOperatorEndpoint(http.Request.Path);
                        // The query string can hold a NIK (GET /cases?nik=): no span carries it, redacted or not.
                        aspNet.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    })
                    .AddNpgsql()
                    .AddSource(CounselingTelemetry.LibrarySources))
                .UseOtlpExporter();
        }
    }

    public static void MapCounselingOperatorEndpoints(this WebApplication app)
    {
        // /health stays what it was (every check); live answers while the process runs; ready adds the projections.
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    public const string MetricsTokenSetting = "Observability:MetricsToken";

    /// <summary>
    /// /metrics is for the operators' scraper, not the world: with <see cref="MetricsTokenSetting"/> set it answers only a
    /// request carrying <c>Authorization: Bearer</c> that token (Prometheus' <c>authorization</c> setting); without it,
    /// only a caller on this machine (loopback), so that a scraper elsewhere needs the token. Anyone else gets 401
    /// problem details. (The figures hold no personal data, but they tell how busy each route and office is.)
    /// </summary>
    public static void UseMetricsGuard(this WebApplication app)
    {
        var token = app.Configuration[MetricsTokenSetting];
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (context, next) =>
        {
            if (Allowed(context, token))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Type = "https://jkp-counseling.example/problems/metrics-token",
                Title = Counseling.Api.Localization.Texts.Get("Problem.MetricsToken"),
                Status = StatusCodes.Status401Unauthorized,
                Detail = Counseling.Api.Localization.Texts.Format("Problem.MetricsToken.Detail", MetricsTokenSetting),
            }).ExecuteAsync(context);
        }));
    }

    private static bool Allowed(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token))
            // The test server has no remote address: it is in-process, as local as loopback.
            return context.Connection.RemoteIpAddress is not { } remote || System.Net.IPAddress.IsLoopback(remote);
        var sent = context.Request.Headers.Authorization.ToString();
        var expected = "Bearer " + token;
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(sent), System.Text.Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>
    /// Every log line of a request names its correlation id: the caller's X-Correlation-ID (the id its events record),
    /// or else the request's trace id. The trace and span ids come with every line already (ActivityTrackingOptions).
    /// </summary>
    public static void UseCorrelationLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Counseling.Requests");
        app.Use(async (context, next) =>
        {
            using (logger.BeginScope("CorrelationId:{CorrelationId}", Counseling.Api.Audit.AuditTrail.CorrelationIdOf(context)))
                await next(context);
        });
    }

    private static bool IsOperatorEndpoint(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
