using System.Security.Cryptography;
using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Counseling.Api.Tests.Audit;

/// <summary>A public key dropped into the key folder is trusted only when its id is pinned in configuration.</summary>
public class CheckpointKeyPinningTests
{
    [Fact]
    public void A_retired_key_file_is_trusted_only_when_its_id_is_pinned()
    {
        var folder = Directory.CreateTempSubdirectory("counseling-pinning-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "checkpoint-public-keys"));
            using var planted = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(Path.Combine(folder, "checkpoint-public-keys", "planted.pem"), planted.ExportSubjectPublicKeyInfoPem());
            var plantedId = Convert.ToHexStringLower(SHA256.HashData(planted.ExportSubjectPublicKeyInfo()))[..16];
            var message = "jkp-counseling-checkpoint/v1\n1\n" + new string('0', 64) + "\n2026-11-23T02:00:00.000000Z\n" + plantedId;
            var signature = Convert.ToBase64String(planted.SignData(System.Text.Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256,
                DSASignatureFormat.Rfc3279DerSequence));

            CheckpointSigner SignerWith(string? pinned)
            {
                var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Keys:Directory"] = folder, [CheckpointSigner.TrustedKeyIdsSetting] = pinned,
                }).Build();
                return new CheckpointSigner(ServiceKeys.From(settings, new Env()), settings);
            }

            var unpinned = SignerWith(null);
            unpinned.Knows(plantedId).Should().BeFalse();
            unpinned.Verifies(plantedId, message, signature).Should().BeFalse();
            unpinned.PublicKeys.Select(k => k.KeyId).Should().Equal(unpinned.KeyId);

            var pinned = SignerWith($"{plantedId}, 0123456789abcdef");
            pinned.Knows(plantedId).Should().BeTrue();
            pinned.Verifies(plantedId, message, signature).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Env : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "Counseling.Api";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
