using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace JointInspection.DevServices.Identity;

/// <summary>An RSA key pair kept as a PEM file, made the first time it is asked for.</summary>
public static class RsaKeyFile
{
    /// <summary>Reads the private key at <paramref name="path"/>, first writing a new 2048-bit one there if there is none.</summary>
    public static RSA LoadOrCreate(string path)
    {
        EnsureExists(path);
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return rsa;
    }

    /// <summary>Writes a new 2048-bit private key at <paramref name="path"/> unless there is one already.</summary>
    public static void EnsureExists(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }
    }

    /// <summary>The public half, as the one signing key of a JSON Web Key Set (what a provider registers for private_key_jwt).</summary>
    public static JsonWebKeySet PublicKeySet(RSA rsa)
    {
        var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
        key.Use = JsonWebKeyUseNames.Sig;
        key.Alg = SecurityAlgorithms.RsaSha256;
        var set = new JsonWebKeySet();
        set.Keys.Add(key);
        return set;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var rsa = RSA.Create(2048);
        // Written aside and moved into place without overwriting: two processes starting together (a test run and
        // a dev server, or parallel tests) both end up reading the one key that landed first, never a half-written file.
        var draft = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(draft, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(draft, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(draft, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(draft);
        }
    }
}
