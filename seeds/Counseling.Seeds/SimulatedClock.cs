namespace Counseling.Seeds;

/// <summary>
/// The clock a demo host runs on: the generator sets it to each step's moment, so the domain's "now" and the
/// events' timestamps agree as they would have had the step been recorded then.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset moment) => _now = moment.ToUniversalTime();
}
