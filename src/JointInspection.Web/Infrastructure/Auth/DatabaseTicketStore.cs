using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// Keeps sign-in sessions in the portal's database (auth_session), so the cookie carries only a random key. Deleting
/// the row ends the session for every copy of the cookie: sign-out, a revoked role (<see cref="EndSessionsOfAsync"/>)
/// and expiry all work server-side, on every node.
/// </summary>
public sealed class DatabaseTicketStore(Database database, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    // Fallback when a ticket has no expiry of its own; the cookie handler always sets one from ExpireTimeSpan.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector protector = protection.CreateProtector("JointInspection.Web.Infrastructure.Auth.DatabaseTicketStore");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO auth_session (id, email, signed_in_with, ticket, expires_at, last_seen_at)
            VALUES (@id, @email, @signedInWith, @ticket, @expiresAt, @now)
            """,
            new
            {
                id = Hash(key),
                email = ticket.Principal.Email(),
                signedInWith = ticket.Principal.FindFirst(PortalAuthentication.SignedInWithClaim)?.Value,
                ticket = Protect(ticket),
                expiresAt = ExpiresAt(ticket, now),
                now,
            },
            transaction);
        await RemoveExpiredAsync(connection, transaction, now);
        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>The cookie handler renews a sliding session once more than half its lifetime has passed, not on every request.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        // Only a session that still exists is renewed: one ended meanwhile (signed out elsewhere, role revoked) stays ended.
        await connection.ExecuteAsync(
            "UPDATE auth_session SET ticket = @ticket, expires_at = @expiresAt, last_seen_at = @now WHERE id = @id AND expires_at > @now",
            new { id = Hash(key), ticket = Protect(ticket), expiresAt = ExpiresAt(ticket, now), now },
            transaction);
        await RemoveExpiredAsync(connection, transaction, now);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<byte[]>(
            "SELECT ticket FROM auth_session WHERE id = @id AND expires_at > @now", new { id = Hash(key), now = clock.GetUtcNow() });
        if (stored is null)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            // Protected with a key this ring no longer has: as good as signed out.
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM auth_session WHERE id = @id", new { id = Hash(key) }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends every staff session of <paramref name="email"/>, inside the caller's transaction (a role revoked).</summary>
    public static Task EndSessionsOfAsync(DbConnection connection, DbTransaction transaction, string email) =>
        connection.ExecuteAsync(
            "DELETE FROM auth_session WHERE email = @email AND signed_in_with = @staff",
            new { email, staff = PortalAuthentication.StaffScheme },
            transaction);

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now + DefaultLifetime;

    /// <summary>The row is keyed by the key's hash, so reading the table gives nobody a key to present.</summary>
    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static Task<int> RemoveExpiredAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset now) =>
        connection.ExecuteAsync("DELETE FROM auth_session WHERE expires_at <= @now", new { now }, transaction);
}
