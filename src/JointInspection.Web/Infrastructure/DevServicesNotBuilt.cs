#if !DEV_SERVICES

// A Release build (what is deployed) is made without JointInspection.DevServices. These take the place of the
// registrations that a Debug build has, so Program reads the same in both builds, and a setting that asks for a
// stand-in stops start-up instead of being quietly ignored.
namespace JointInspection.Web.Infrastructure.Auth
{
    public static class DevIdentityRegistration
    {
        public const string EnabledKey = "DevServices:Identity:Enabled";

        public static WebApplicationBuilder AddDevIdentity(this WebApplicationBuilder builder)
        {
            DevServicesNotBuilt.RefuseIfAskedFor(builder, EnabledKey, "the development identity provider");
            return builder;
        }

        public static WebApplication MapDevIdentity(this WebApplication app) => app;
    }
}

namespace JointInspection.Web.Infrastructure.Email
{
    public static class DevMailboxRegistration
    {
        public const string EnabledKey = "DevServices:Mailbox:Enabled";

        public static WebApplicationBuilder AddDevMailbox(this WebApplicationBuilder builder)
        {
            DevServicesNotBuilt.RefuseIfAskedFor(builder, EnabledKey, "the development mailbox");
            return builder;
        }
    }
}

namespace JointInspection.Web.Infrastructure
{
    internal static class DevServicesNotBuilt
    {
        public static void RefuseIfAskedFor(WebApplicationBuilder builder, string key, string name)
        {
            // Unset is the usual case: the stand-in is simply not there, even in the Development environment.
            if (!string.IsNullOrWhiteSpace(builder.Configuration[key]) && DevServiceSwitch.IsOn(builder, key, name, ""))
            {
                builder.Refuse(
                    $"{key} is true, but this is a Release build, which contains no development services. " +
                    $"Remove the setting, or run a Debug build (dotnet run) to use {name}.");
            }
        }
    }
}
#endif
