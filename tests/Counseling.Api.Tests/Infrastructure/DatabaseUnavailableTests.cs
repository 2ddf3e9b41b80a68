using Counseling.Api.Infrastructure;
using Npgsql;

namespace Counseling.Api.Tests.Infrastructure;

public class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception, bool> Failures() => new()
    {
        { "connection broken mid-read, wrapped", new InvalidOperationException("Marten", new NpgsqlException("read", new EndOfStreamException())), true },
        { "server starting up", new PostgresException("not yet accepting connections", "FATAL", "FATAL", "57P03"), true },
        { "server shut down by an administrator", new PostgresException("terminating connection", "FATAL", "FATAL", "57P01"), true },
        { "inside an AggregateException", new AggregateException(new NpgsqlException("connect", new TimeoutException())), true },
        { "no primary among the hosts (a standby not yet promoted)", new InvalidOperationException("Marten", new NpgsqlException(DatabaseUnavailable.NoPrimaryYet)), true },
        { "another client-side failure without a cause", new NpgsqlException("Something else"), false },
        { "unique violation: a bug or a race, not an outage", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"), false },
        { "any other failure", new InvalidOperationException("boom"), false },
    };

    [Theory, MemberData(nameof(Failures))]
    public void Only_a_database_outage_answers_503(string _, Exception failure, bool outage) =>
        DatabaseUnavailable.IsOutage(failure).Should().Be(outage);
}
