using Microsoft.EntityFrameworkCore;

namespace JointInspection.DevServices.Identity;

/// <summary>
/// OpenIddict's applications, authorizations, scopes and tokens, in a SQLite file of their own: the provider's
/// state never mixes with the portal's database, and deleting the file is always safe.
/// </summary>
public sealed class DevIdentityDbContext(DbContextOptions<DevIdentityDbContext> options) : DbContext(options);
