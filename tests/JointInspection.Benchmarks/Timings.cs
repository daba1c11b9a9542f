using System.Diagnostics;

namespace JointInspection.Benchmarks;

/// <summary>Median and 95th percentile of repeated runs, each timed alone after untimed warm-up runs.</summary>
internal static class Timings
{
    public static async Task<(double Median, double P95)> TimeAsync(Func<Task> run, int warmUpRuns, int timedRuns)
    {
        ArgumentNullException.ThrowIfNull(run);
        for (var i = 0; i < warmUpRuns; i++)
        {
            await run();
        }

        var ms = new double[timedRuns];
        for (var i = 0; i < timedRuns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Percentiles(ms);
    }

    /// <summary>Of milliseconds in any order (the array is sorted in place).</summary>
    public static (double Median, double P95) Percentiles(double[] ms)
    {
        ArgumentNullException.ThrowIfNull(ms);
        Array.Sort(ms);
        return ((ms[(ms.Length - 1) / 2] + ms[ms.Length / 2]) / 2, ms[(int)Math.Ceiling(ms.Length * 0.95) - 1]);
    }
}
