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
/// The load scripts (ops/bench, ops/faults, ops/soak, ops/two-nodes) set it far above their load.
/// Searches by NIK (<c>GET /cases?nik=</c>) have a bucket of their own, <see cref="SearchSetting"/> a minute (default 10):
/// each answers where a worker's cases are, at every office, so a caller sweeping NIKs to enumerate claimants is slowed
/// to a pace that finds little (and every search is recorded as a personal-data read); a counselor finds a returning
/// worker with one search at intake. Other reads are not limited.
/// </summary>
public static class WriteRateLimit
{
    public const string Setting = "Counseling:WritesPerMinute";
    public const int DefaultWritesPerMinute = 60;
    public const string SearchSetting = "Counseling:NikSearchesPerMinute";
    public const int DefaultSearchesPerMinute = 10;

    public static void AddWriteRateLimit(this WebApplicationBuilder builder)
    {
        var perMinute = PerMinute(builder, Setting, DefaultWritesPerMinute);
        var searchesPerMinute = PerMinute(builder, SearchSetting, DefaultSearchesPerMinute);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var caller = context.User.FindFirst(Caller.UserIdClaim)?.Value ?? "";
                if (IsWrite(context.Request.Method)) return Bucket("write:" + caller, perMinute);
                if (IsNikSearch(context.Request)) return Bucket("nik-search:" + caller, searchesPerMinute);
                return RateLimitPartition.GetNoLimiter("");
            });
            limiter.OnRejected = async (rejected, cancellation) =>
            {
                var search = !IsWrite(rejected.HttpContext.Request.Method);
                var limit = search ? searchesPerMinute : perMinute;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : (int)Math.Ceiling(RefillPeriod(limit).TotalSeconds);
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(new ProblemDetails
                {
                    Type = search ? "https://jkp-counseling.example/problems/too-many-searches" : "https://jkp-counseling.example/problems/too-many-writes",
                    Title = Texts.Get(search ? "Problem.TooManySearches" : "Problem.TooManyWrites"),
                    Status = StatusCodes.Status429TooManyRequests,
                    Detail = Texts.Format(search ? "Problem.TooManySearches.Detail" : "Problem.TooManyWrites.Detail", limit, retryAfter),
                }).ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static int PerMinute(WebApplicationBuilder builder, string setting, int fallback)
    {
        var perMinute = builder.Configuration.GetValue(setting, fallback);
        if (perMinute < 1) throw new InvalidOperationException($"{setting} must be at least 1, not {perMinute}.");
        return perMinute;
    }

    // Refilled a few tokens at a time rather than one by one: a high limit (the load scripts') must not mean a timer
    // firing thousands of times a second. At most one refill a second; a low limit refills one token at a time.
    private static int TokensPerRefill(int perMinute) => Math.Max(1, perMinute / 60);

    private static TimeSpan RefillPeriod(int perMinute) => TimeSpan.FromSeconds(60.0 * TokensPerRefill(perMinute) / perMinute);

    private static RateLimitPartition<string> Bucket(string key, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            ReplenishmentPeriod = RefillPeriod(perMinute),
            TokensPerPeriod = TokensPerRefill(perMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>GET /cases (the one route that takes a NIK); any query counts, so a malformed one is no way around it.</summary>
    private static bool IsNikSearch(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals("/cases", StringComparison.OrdinalIgnoreCase);

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
