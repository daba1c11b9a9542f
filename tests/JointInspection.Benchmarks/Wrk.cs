using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace JointInspection.Benchmarks;

/// <summary>What one wrk run reported.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long Created, string Output)
{
    /// <summary>Several runs of the same length as one: mean rate and median, the worst p99, every request and failure.</summary>
    public static WrkResult Mean(IReadOnlyCollection<WrkResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new WrkResult(
            runs.Average(run => run.RequestsPerSecond), runs.Average(run => run.P50Ms), runs.Max(run => run.P99Ms),
            runs.Sum(run => run.Requests), runs.Sum(run => run.Non2xx), runs.Sum(run => run.Created), string.Join('\n', runs.Select(run => run.Output)));
    }
}

/// <summary>
/// Runs Debian's wrk on its own core (the portal's process is pinned to the other by the run script), one thread and
/// 64 connections, with latency percentiles.
/// </summary>
public static partial class Wrk
{
    public const int Connections = 64;

    public static async Task<WrkResult> RunAsync(Uri url, TimeSpan duration, string? script = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var arguments = new List<string> { "-c", Program.LoadCore, "wrk", "-t1", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency" };
        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url.ToString());
        var start = new ProcessStartInfo("taskset", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {errors}{output}");
        }

        return new WrkResult(
            Number(RequestsPerSecond(), output),
            Latency(Percentile("50"), output),
            Latency(Percentile("99"), output),
            (long)Number(Requests(), output),
            NonSuccess().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Created().Match(output) is { Success: true } created ? long.Parse(created.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            output);
    }

    private static Regex Percentile(string percent) => new($@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);

    private static double Number(Regex pattern, string output) =>
        double.Parse(pattern.Match(output) is { Success: true } match ? match.Groups[1].Value : throw new FormatException($"wrk printed no {pattern}:\n{output}"), CultureInfo.InvariantCulture);

    private static double Latency(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        if (!match.Success)
        {
            throw new FormatException($"wrk printed no {pattern}:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    // Printed by the POST script's done() callback.
    [GeneratedRegex(@"^created (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Created();
}
