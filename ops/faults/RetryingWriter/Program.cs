// Session writes that must survive faults: each worker logs sessions on random cases, every request with a key of its
// own (Idempotency-Key, also sent as X-Correlation-ID so the stored event names it). On a connection error, a timeout
// or a 5xx it sends the SAME request again (same key, same body bytes) until it gets a definitive answer (2xx or 4xx)
// or the retry deadline passes. Usage:
//   RetryingWriter <api base url> <case ids file> <seconds of new writes> <workers> <output dir>
// Environment: FAULTS_AUTHORIZATION (the Authorization header), FAULTS_RETRY_SECONDS (how long after the last new
// write a request may still be retried, 90).
// Writes to the output dir: sent.txt (every key), acknowledged.txt (key, status, case, when the answer came in Unix ms), refused.txt (key, status, body),
// unresolved.txt (keys still unanswered at the deadline). Prints a progress line every 5 s and ends with
//   FAULTS_DRIVER sent=.. acknowledged=.. refused=.. unresolved=.. attempts=.. retried_requests=.. failed_attempts_by_status=0:..,500:..
// (status 0: no answer, i.e. a connection error or a timeout).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

var (api, caseIdsFile, seconds, workers, outputDir) = (args[0], args[1], int.Parse(args[2]), int.Parse(args[3]), args[4]);
var retrySeconds = int.Parse(Environment.GetEnvironmentVariable("FAULTS_RETRY_SECONDS") ?? "90");
var caseIds = File.ReadAllLines(caseIdsFile).Where(line => line.Length > 0).ToArray();
var authorization = Environment.GetEnvironmentVariable("FAULTS_AUTHORIZATION");

// While the API is down, connecting fails fast and the attempt is retried; a hung request gives up after 10 s.
using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
{
    BaseAddress = new Uri(api),
    Timeout = TimeSpan.FromSeconds(10),
};
if (authorization is { Length: > 0 }) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

var sent = new ConcurrentQueue<string>();
var acknowledged = new ConcurrentQueue<string>();
var refused = new ConcurrentQueue<string>();
var unresolved = new ConcurrentQueue<string>();
var failedByStatus = new ConcurrentDictionary<int, int>(); // 0: no answer (connection error or timeout)
long attempts = 0, retriedRequests = 0, failedAttempts = 0;
var clock = Stopwatch.StartNew();
var newWritesUntil = TimeSpan.FromSeconds(seconds);
var retryUntil = newWritesUntil + TimeSpan.FromSeconds(retrySeconds);

using var progress = new Timer(_ => Console.WriteLine(
    $"[{clock.Elapsed.TotalSeconds,5:F0} s] sent={sent.Count} acknowledged={acknowledged.Count} refused={refused.Count} " +
    $"failed_attempts={Interlocked.Read(ref failedAttempts)}"), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync)));
progress.Dispose();

Directory.CreateDirectory(outputDir);
File.WriteAllLines(Path.Combine(outputDir, "sent.txt"), sent);
File.WriteAllLines(Path.Combine(outputDir, "acknowledged.txt"), acknowledged);
File.WriteAllLines(Path.Combine(outputDir, "refused.txt"), refused);
File.WriteAllLines(Path.Combine(outputDir, "unresolved.txt"), unresolved);
Console.WriteLine($"FAULTS_DRIVER sent={sent.Count} acknowledged={acknowledged.Count} refused={refused.Count} " +
                  $"unresolved={unresolved.Count} attempts={attempts} retried_requests={retriedRequests} " +
                  $"failed_attempts_by_status={string.Join(',', failedByStatus.OrderBy(f => f.Key).Select(f => $"{f.Key}:{f.Value}"))}");

async Task WorkerAsync()
{
    while (clock.Elapsed < newWritesUntil)
    {
        var key = Guid.NewGuid().ToString();
        var caseId = caseIds[Random.Shared.Next(caseIds.Length)];
        var heldAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var body = Encoding.UTF8.GetBytes(
            $$"""{"heldAt":"{{heldAt}}","mode":"phone","durationMinutes":{{Random.Shared.Next(15, 90)}},"topics":["jobSearchSkills"],"notes":"Latihan gangguan {{key}}"}""");
        sent.Enqueue(key);

        var retried = false;
        while (true)
        {
            Interlocked.Increment(ref attempts);
            var (status, answer) = await SendAsync(caseId, key, body);
            if (status is >= 200 and < 300)
            {
                acknowledged.Enqueue($"{key} {status} {caseId} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                break;
            }
            if (status is >= 400 and < 500) { refused.Enqueue($"{key} {status} {answer.ReplaceLineEndings(" ")}"); break; }

            // No answer, or a 5xx: the write may or may not have committed; only the same request again can tell.
            Interlocked.Increment(ref failedAttempts);
            failedByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (!retried) { retried = true; Interlocked.Increment(ref retriedRequests); }
            if (clock.Elapsed > retryUntil) { unresolved.Enqueue($"{key} {status} {answer.ReplaceLineEndings(" ")}"); break; }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 500)));
        }
    }
}

async Task<(int Status, string Answer)> SendAsync(string caseId, string key, byte[] body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/cases/{caseId}/sessions")
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };
    request.Headers.Add("Idempotency-Key", key);
    request.Headers.Add("X-Correlation-ID", key);
    try
    {
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
    {
        return (0, e.GetType().Name + ": " + e.Message);
    }
}
