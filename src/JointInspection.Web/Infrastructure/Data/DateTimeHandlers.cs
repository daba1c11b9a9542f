using System.Data;
using System.Globalization;
using Dapper;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>
/// Dapper maps neither DateTimeOffset nor DateOnly to SQLite text by itself; nor flags to 0 and 1 for PostgreSQL. Instants are stored as UTC
/// ISO-8601 text with milliseconds (the same shape as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ')), so
/// they sort and compare correctly as text.
/// </summary>
public static class DateTimeHandlers
{
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        // Dapper has its own mapping for these types, which would win over a handler for parameters.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.AddTypeHandler(new InstantHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        // Flags are stored as 0 or 1 in both databases (SQLite has no boolean); PostgreSQL would refuse a boolean
        // parameter for such a column, and hands back a boolean for a comparison or EXISTS that SQLite gives as 0 or 1.
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.AddTypeHandler(new FlagHandler());
    }

    public static string ToStoredText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromStoredText(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = ToStoredText(value);
        }

        public override DateTimeOffset Parse(object value) => FromStoredText((string)value);
    }

    private sealed class FlagHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value ? 1L : 0L;
        }

        public override bool Parse(object value) => value switch
        {
            bool flag => flag,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        public override DateOnly Parse(object value) =>
            DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
