using Counseling.Api.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// A request that fails because PostgreSQL cannot be reached, is restarting or dropped the connection answers 503 with
/// Retry-After rather than 500: the failure is the database's, not the request's, and the same request may be sent
/// again. A write may have committed just before the connection broke, which is why writes carry an Idempotency-Key:
/// its retry is answered from the first attempt's record instead of appending twice.
/// </summary>
public sealed class DatabaseUnavailable : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    /// <summary>NpgsqlMultiHostDataSource's message when every host answered but none has the role asked for.</summary>
    public const string NoPrimaryYet = "No suitable host was found.";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        if (!IsOutage(exception)) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await Results.Problem(new ProblemDetails
        {
            Type = "https://jkp-counseling.example/problems/database-unavailable",
            Title = Texts.Get("Problem.Unavailable"),
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = Texts.Get("Problem.Unavailable.Detail"),
        }).ExecuteAsync(context);
        return true;
    }

    /// <summary>
    /// Npgsql's own judgement (connection refused or broken, timeouts, a server shutting down or not yet accepting
    /// connections), wherever it sits in the chain: Marten and Wolverine wrap it.
    /// </summary>
    public static bool IsOutage(Exception? exception) => exception switch
    {
        null => false,
        NpgsqlException { IsTransient: true } => true,
        // A multi-host connection string (a primary and its standby) while no host is the primary, e.g. between the
        // primary's death and the standby's promotion: Npgsql's multi-host data source says so in these words only,
        // with no inner exception and no SQL state. The same request succeeds once a host is promoted.
        NpgsqlException { InnerException: null, Message: NoPrimaryYet } and not PostgresException => true,
        PostgresException { SqlState: var state } when state.StartsWith("57P") || state.StartsWith("08") => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsOutage),
        _ => IsOutage(exception.InnerException),
    };
}
