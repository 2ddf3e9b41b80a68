using Counseling.Domain.Cases;

namespace Counseling.Seeds;

/// <summary>
/// Made-up workers who look like an office's real ones: names common in the office's region, and a NIK that
/// reads as a real one does (regency and district of the KTP, birth date with 40 added to the day for women,
/// a serial number), a mobile number and a BPJS Ketenagakerjaan membership number.
/// </summary>
public static class IndonesianWorkers
{
    public static readonly IReadOnlyList<string> MaleGivenNames =
    [
        "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hadi", "Irfan", "Joko", "Rizki", "Slamet", "Teguh", "Wahyu", "Dimas",
        "Bayu", "Ahmad", "Asep", "Ujang", "Dadang", "Andi", "Rudi", "Hendra", "Arif", "Nanang", "Bambang", "Yohanes",
        "Markus", "Rahmadi", "Muhammad", "Saprudin", "Antonius", "Riduan", "Rojali", "Fikri", "Ilham",
    ];

    public static readonly IReadOnlyList<string> FemaleGivenNames =
    [
        "Siti", "Dewi", "Sri", "Rina", "Wulan", "Yuni", "Ani", "Fitri", "Nur", "Intan", "Ayu", "Euis", "Neneng", "Tuti",
        "Ratna", "Putri", "Indah", "Rahma", "Mega", "Nurul", "Dian", "Eka", "Maria", "Yuliana", "Noorhasanah", "Rusmini",
        "Elisabeth", "Ernawati", "Lilis", "Novi",
    ];

    public static readonly IReadOnlyList<string> MaleFamilyNames =
    [
        "Setiawan", "Hidayat", "Saputra", "Pratama", "Kurniawan", "Santoso", "Nugroho", "Maulana", "Firmansyah",
        "Ramadhan", "Permana", "Syahputra", "Hermawan", "Susanto", "Wijaya", "Gunawan", "Prasetyo",
    ];

    public static readonly IReadOnlyList<string> FemaleFamilyNames =
    [
        "Rahmawati", "Wulandari", "Puspitasari", "Handayani", "Sulistyowati", "Suryani", "Lestari", "Kurniasih",
        "Anggraini", "Safitri", "Permatasari", "Nurhayati",
    ];

    /// <summary>Family and clan names of the region, used by men and women alike.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RegionalFamilyNames = new Dictionary<string, IReadOnlyList<string>>
    {
        ["pasker-jakarta"] = ["Siregar", "Simanjuntak", "Nasution", "Harahap", "Sitompul"],
        ["kalteng"] = ["Tingang", "Bungai", "Sahay", "Nyahu", "Dohong", "Lambung"],
    };

    public static IEnumerable<string> AllNameParts =>
        MaleGivenNames.Concat(FemaleGivenNames).Concat(MaleFamilyNames).Concat(FemaleFamilyNames)
            .Concat(RegionalFamilyNames.Values.SelectMany(n => n));

    /// <summary>Where the workers of an office hold their KTP: regency codes (Kemendagri) with their number of districts.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Regency, int Districts)>> KtpRegencies =
        new Dictionary<string, IReadOnlyList<(string, int)>>
        {
            ["bekasi"] = [("3216", 23), ("3216", 23), ("3275", 12), ("3215", 30)],
            ["pasker-jakarta"] = [("3174", 10), ("3175", 10), ("3171", 8), ("3276", 11)],
            ["kalteng"] = [("6271", 5), ("6271", 5), ("6202", 17), ("6206", 13)],
            ["blk-pekalongan"] = [("3375", 4), ("3375", 4), ("3326", 19), ("3325", 15)],
        };

    private static readonly string[] MobilePrefixes =
        ["0812", "0813", "0821", "0822", "0852", "0853", "0856", "0857", "0858", "0877", "0878", "0895", "0896", "0838"];

    public static WorkerDetails Generate(Random random, string officeId, DateOnly today)
    {
        var female = random.Next(100) < 45;
        var birthDate = today.AddYears(-random.Next(20, 52)).AddDays(-random.Next(365));
        return WorkerDetails.Of(
            Nik(random, officeId, birthDate, female),
            FullName(random, officeId, female),
            birthDate,
            Phone(random),
            $"{random.Next(1, 3)}{random.NextInt64(0, 10_000_000_000):D10}");
    }

    private static string FullName(Random random, string officeId, bool female)
    {
        var given = Pick(random, female ? FemaleGivenNames : MaleGivenNames);
        var family = RegionalFamilyNames.TryGetValue(officeId, out var regional) && random.Next(100) < 50
            ? Pick(random, regional)
            : Pick(random, female ? FemaleFamilyNames : MaleFamilyNames);
        // Many Indonesians go by one name; some by two given names and no family name.
        return random.Next(100) switch
        {
            < 10 => family,
            < 20 => $"{given} {Pick(random, female ? FemaleGivenNames : MaleGivenNames)} {family}",
            _ => $"{given} {family}",
        };
    }

    private static string Nik(Random random, string officeId, DateOnly birthDate, bool female)
    {
        var (regency, districts) = Pick(random, KtpRegencies[officeId]);
        var day = birthDate.Day + (female ? 40 : 0);
        return $"{regency}{random.Next(1, districts + 1):D2}{day:D2}{birthDate.Month:D2}{birthDate.Year % 100:D2}{random.Next(1, 400):D4}";
    }

    private static string Phone(Random random) => $"{Pick(random, MobilePrefixes)}{random.Next(0, 100_000_000):D8}";

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
