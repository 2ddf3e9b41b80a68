using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Counseling.Api.Tests.Infrastructure;

/// <summary>
/// Every log line the API writes during the test run, with exceptions and the scopes it was written in (as a JSON
/// console line carries them), to search for personal data and for the ids a line must carry.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeValues = new List<string>();
            logs.scopes.ForEachScope((scope, values) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    values.AddRange(pairs.Where(p => p.Key != "{OriginalFormat}").Select(p => $"{p.Key}={p.Value}"));
                else if (scope is not null) values.Add(scope.ToString()!);
            }, scopeValues);
            logs.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} [{string.Join(", ", scopeValues)}]");
        }
    }
}
