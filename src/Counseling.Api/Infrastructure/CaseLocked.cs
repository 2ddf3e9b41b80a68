using Counseling.Api.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// A write waits for the case's row lock (see WriteCaseAttribute) at most <see cref="StoreConfiguration.LockTimeoutSetting"/>
/// (PostgreSQL's lock_timeout, 3 s by default). When another transaction holds it longer, PostgreSQL cancels the wait,
/// Marten reports the stream as locked, the transaction rolls back with nothing appended, and the client is told to
/// send the same request again: 409 problem details with Retry-After. Wolverine's MapMartenConcurrencyFailuresToConflict
/// would map Marten's StreamLockedException, but it lives in WolverineFx.Http.Marten, which the registry here cannot
/// restore; this handler does the same for the one exception, and also for a lock wait outside the stream fetch.
/// Registered before <see cref="DatabaseUnavailable"/>, which would otherwise take Npgsql's "transient" lock error for an outage.
/// </summary>
public sealed class CaseLocked : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        if (!IsLockWaitTimeout(exception)) return false;
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await Results.Problem(new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/case-locked",
            Title = Texts.Get("Problem.CaseLocked"),
            Status = StatusCodes.Status409Conflict,
            Detail = Texts.Get("Problem.CaseLocked.Detail"),
        }).ExecuteAsync(context);
        return true;
    }

    public static bool IsLockWaitTimeout(Exception? exception) => exception switch
    {
        null => false,
        JasperFx.Events.StreamLockedException or Marten.Exceptions.StreamLockedException => true,
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsLockWaitTimeout),
        _ => IsLockWaitTimeout(exception.InnerException),
    };
}
