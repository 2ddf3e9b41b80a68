// Projection lag under load: logs a session on one case, then polls the counselor's caseload until the entry shows
// that session (its lastContactAt), and records the time from the write's 2xx to that moment. One probe at a time,
// for the given number of seconds. Usage:
//   ProjectionLagProbe <api base url> <case id> <counselor id> <seconds>    (BENCH_AUTHORIZATION: the Authorization header)
// The case must be the counselor's only one at stage intake, so that ?stage=intake lists it on the first page.
// Prints one line: BENCH_LAG samples=.. p50_ms=.. p95_ms=.. max_ms=.. timeouts=..
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

var (api, caseId, counselorId, seconds) = (args[0], Guid.Parse(args[1]), args[2], int.Parse(args[3]));
var pollInterval = TimeSpan.FromMilliseconds(10);
var timeout = TimeSpan.FromSeconds(10);

using var http = new HttpClient { BaseAddress = new Uri(api) };
if (Environment.GetEnvironmentVariable("BENCH_AUTHORIZATION") is { Length: > 0 } authorization)
    http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

var lags = new List<double>();
var timeouts = 0;
var until = Stopwatch.StartNew();
while (until.Elapsed < TimeSpan.FromSeconds(seconds))
{
    // Millisecond precision, and never the same instant twice, so the caseload shows exactly this session.
    var heldAt = DateTimeOffset.UtcNow;
    heldAt = heldAt.AddTicks(-(heldAt.Ticks % TimeSpan.TicksPerMillisecond));
    var write = await http.PostAsJsonAsync($"/cases/{caseId}/sessions",
        new { heldAt, mode = "phone", durationMinutes = 10, topics = new[] { "other" }, notes = "lag probe" });
    if (!write.IsSuccessStatusCode)
        throw new InvalidOperationException($"The probe's write answered {(int)write.StatusCode}: {await write.Content.ReadAsStringAsync()}");

    var sinceWrite = Stopwatch.StartNew();
    while (!await ShowsSessionAsync(heldAt))
    {
        if (sinceWrite.Elapsed > timeout) { timeouts++; break; }
        await Task.Delay(pollInterval);
    }
    if (sinceWrite.Elapsed <= timeout) lags.Add(sinceWrite.Elapsed.TotalMilliseconds);
    await Task.Delay(50);
}

lags.Sort();
double Percentile(double p) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(p / 100 * lags.Count) - 1)];
Console.WriteLine($"BENCH_LAG samples={lags.Count} p50_ms={Percentile(50):F0} p95_ms={Percentile(95):F0} " +
                  $"max_ms={(lags.Count == 0 ? double.NaN : lags[^1]):F0} timeouts={timeouts}");

async Task<bool> ShowsSessionAsync(DateTimeOffset heldAt)
{
    using var caseload = JsonDocument.Parse(await http.GetStringAsync($"/counselors/{counselorId}/caseload?stage=intake&pageSize=100"));
    return caseload.RootElement.GetProperty("items").EnumerateArray().Any(item =>
        item.GetProperty("caseId").GetGuid() == caseId &&
        item.GetProperty("lastContactAt") is { ValueKind: JsonValueKind.String } contact && contact.GetDateTimeOffset() == heldAt);
}
