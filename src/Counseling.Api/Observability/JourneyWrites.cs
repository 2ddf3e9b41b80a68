using System.Diagnostics.Metrics;
using Marten.Services;

namespace Counseling.Api.Observability;

/// <summary>
/// counseling.journey.writes: one per case write that committed, labelled "step" with the event type that records the
/// step (case_opened, counseling_session_logged, ...). Counted after the commit, so refused and rolled-back writes are not.
/// </summary>
public static class JourneyWrites
{
    public static void Record(Counter<long> writes, IChangeSet changes)
    {
        foreach (var stream in changes.GetStreams())
        {
            if (stream.Events.Count > 0) writes.Add(1, new KeyValuePair<string, object?>("step", stream.Events[0].EventTypeName));
        }
    }
}
