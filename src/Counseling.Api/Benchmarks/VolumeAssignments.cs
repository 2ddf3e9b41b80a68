namespace Counseling.Api.Benchmarks;

/// <summary>The offices and counselors that volume cases are spread over.</summary>
public static class VolumeAssignments
{
    public static IReadOnlyList<VolumeJourneys.Assignment> Read() =>
        [.. Enumerable.Range(1, 20).Select(n => new VolumeJourneys.Assignment($"office-{(n - 1) / 5 + 1:D2}", $"c-{n:D3}"))];
}
