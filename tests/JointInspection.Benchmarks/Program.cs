using JointInspection.Benchmarks;

// One benchmark a run, named by the first argument, so each can be run alone and more can join.
return args.FirstOrDefault() switch
{
    "queue" => await QueueBenchmark.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Name a benchmark to run: queue (the triage queue at 100,000 submissions).");
    return 2;
}
