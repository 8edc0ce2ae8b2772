using BenchmarkDotNet.Running;

namespace RayGen.Benchmarks
{
    public static class Program
    {
        public static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--alloc-by-analyzer")
            {
                AllocationProfile.Run(args.Length > 1 ? args[1] : BenchmarkProject.Synthetic);
                return;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        }
    }
}
