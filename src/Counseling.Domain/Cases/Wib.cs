namespace Counseling.Domain.Cases;

/// <summary>
/// Calendar dates in the case file (follow-ups, terminations, training starts) are the office's dates.
/// Every office this service covers keeps Western Indonesian Time (UTC+7), so a fixed offset is exact.
/// </summary>
public static class Wib
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
