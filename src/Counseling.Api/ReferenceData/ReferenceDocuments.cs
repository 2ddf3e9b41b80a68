namespace Counseling.Api.ReferenceData;

/// <summary>A Disnaker or Pasker.ID office where counselors receive workers. Ids are short and URL-safe ("bekasi").</summary>
public sealed record Office(string Id, string Name, string Kind, string Province, string City, string Address);

/// <summary>An employment counselor (Pengantar Kerja) working at one office.</summary>
public sealed record Counselor(string Id, string FullName, string OfficeId, CounselorCertificate? Certificate);

/// <summary>A supervisor (Kepala Seksi Penempatan or similar) who oversees one office's counselors and cases.</summary>
public sealed record Supervisor(string Id, string FullName, string OfficeId);

/// <summary>The counselor's functional certificate; certification rules come later, so only the facts are kept.</summary>
public sealed record CounselorCertificate(string Number, DateOnly IssuedOn, DateOnly ExpiresOn);
