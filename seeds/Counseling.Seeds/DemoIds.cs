namespace Counseling.Seeds;

public static class DemoIds
{
    /// <summary>
    /// A version 7 Guid, as the service makes its ids (time-ordered), but with its random part drawn from
    /// <paramref name="random"/>: the same seed gives the same ids.
    /// </summary>
    public static Guid Version7(DateTimeOffset at, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
