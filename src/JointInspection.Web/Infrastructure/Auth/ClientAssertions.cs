using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// private_key_jwt client authentication (RFC 7523), for providers such as GOV.UK One Login that accept no
/// client secret: when a scheme has ClientAssertionKeyPath (a PEM RSA private key), each call to the
/// provider carries a short-lived JWT signed with that key instead of a secret.
/// </summary>
public sealed class ClientAssertions(TimeProvider clock)
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly ConcurrentDictionary<string, SigningCredentials> credentials = new();

    public async Task AddToTokenRequestAsync(AuthorizationCodeReceivedContext context, IConfigurationSection section)
    {
        if (KeyFor(section) is { } key && context.TokenEndpointRequest is { } request)
        {
            var configuration = await ConfigurationAsync(context.Options, context.HttpContext.RequestAborted);
            request.ClientSecret = null;
            request.ClientAssertionType = AssertionType;
            request.ClientAssertion = Create(context.Options.ClientId!, configuration.TokenEndpoint, key);
        }
    }

    public async Task AddToPushedAuthorizationAsync(PushedAuthorizationContext context, IConfigurationSection section)
    {
        if (KeyFor(section) is { } key)
        {
            var configuration = await ConfigurationAsync(context.Options, context.HttpContext.RequestAborted);
            context.ProtocolMessage.ClientSecret = null;
            context.ProtocolMessage.ClientAssertionType = AssertionType;
            // RFC 9126: the audience of an assertion sent to the PAR endpoint is the provider's issuer.
            context.ProtocolMessage.ClientAssertion = Create(context.Options.ClientId!, configuration.Issuer, key);
            context.HandleClientAuthentication();
        }
    }

    /// <summary>
    /// Options.Configuration is set only when a provider's metadata is given by hand; discovered metadata lives in
    /// the configuration manager (cached there, so this costs no request after the first).
    /// </summary>
    internal static async Task<OpenIdConnectConfiguration> ConfigurationAsync(OpenIdConnectOptions options, CancellationToken cancellationToken) =>
        options.Configuration ?? await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);

    private SigningCredentials? KeyFor(IConfigurationSection section)
    {
        var path = section["ClientAssertionKeyPath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        return credentials.GetOrAdd(path, file =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(file));
            var key = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16] };
            return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        });
    }

    private string Create(string clientId, string audience, SigningCredentials key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = key,
        });
    }
}
