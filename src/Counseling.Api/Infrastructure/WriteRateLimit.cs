using Counseling.Api.Localization;
using System.Globalization;
using System.Threading.RateLimiting;
using Counseling.Api.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// Writes (POST, PUT, PATCH, DELETE) per caller (the token's <c>sub</c>): a token bucket of
/// <see cref="Setting"/> writes a minute (default 60, a counselor's busiest pace with room for retries), which a
/// caller may spend at once and which refills evenly over the minute. Past it: 429 problem details with Retry-After.
/// Reads are not limited. The load scripts (ops/bench, ops/faults, ops/soak, ops/two-nodes) set it far above their load.
/// </summary>
public static class WriteRateLimit
{
    public const string Setting = "Counseling:WritesPerMinute";
    public const int DefaultWritesPerMinute = 60;

    public static void AddWriteRateLimit(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue(Setting, DefaultWritesPerMinute);
        if (perMinute < 1) throw new InvalidOperationException($"{Setting} must be at least 1, not {perMinute}.");

        // Refilled a few tokens at a time rather than one by one: a high limit (the load scripts') must not mean a timer
        // firing thousands of times a second. At most one refill a second; a low limit refills one token at a time.
        var tokensPerRefill = Math.Max(1, perMinute / 60);
        var refillPeriod = TimeSpan.FromSeconds(60.0 * tokensPerRefill / perMinute);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsWrite(context.Request.Method)
                    ? RateLimitPartition.GetTokenBucketLimiter(
                        context.User.FindFirst(Caller.UserIdClaim)?.Value ?? "",
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = perMinute,
                            ReplenishmentPeriod = refillPeriod,
                            TokensPerPeriod = tokensPerRefill,
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = async (rejected, cancellation) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : (int)Math.Ceiling(refillPeriod.TotalSeconds);
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(new ProblemDetails
                {
                    Type = "https://jkp-counseling.example/problems/too-many-writes",
                    Title = Texts.Get("Problem.TooManyWrites"),
                    Status = StatusCodes.Status429TooManyRequests,
                    Detail = Texts.Format("Problem.TooManyWrites.Detail", perMinute, retryAfter),
                }).ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
