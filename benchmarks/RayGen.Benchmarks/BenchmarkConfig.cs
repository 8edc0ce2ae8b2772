using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RayGen.Benchmarks
{
    /// <summary>Memory diagnoser, categories side by side with their baseline, and per-file columns.</summary>
    public sealed class BenchmarkConfig : ManualConfig
    {
        public BenchmarkConfig()
        {
            Add(DefaultConfig.Instance);
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(CategoriesColumn.Default, new PerFileColumn(time: true), new PerFileColumn(time: false));
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        }
    }

    /// <summary>Mean time or allocation divided by the files the benchmark reads (the Project parameter).</summary>
    public sealed class PerFileColumn : IColumn
    {
        private readonly bool _time;

        public PerFileColumn(bool time) => _time = time;

        public string Id => _time ? "TimePerFile" : "AllocPerFile";

        public string ColumnName => _time ? "Time/file" : "Alloc/file";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => _time ? 0 : 1;

        public bool IsNumeric => true;

        public UnitType UnitType => _time ? UnitType.Time : UnitType.Size;

        public string Legend => _time ? "Mean time per input file" : "Bytes allocated per input file";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            object? project = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Project")?.Value;
            int files = benchmarkCase.Descriptor.Categories.Contains(Categories.OneFile) ? 1 : BenchmarkProject.FileCount(project as string);
            if (report?.ResultStatistics is null || files == 0)
            {
                return "-";
            }

            if (_time)
            {
                return (report.ResultStatistics.Mean / files / 1000.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " us";
            }

            long? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is null ? "-" : (bytes.Value / (double)files / 1024.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " KB";
        }
    }

    public static class Categories
    {
        public const string Cold = "Cold build";
        public const string Stages = "Stages";
        public const string Incremental = "Incremental";

        /// <summary>Per-file columns of these benchmarks are per benchmark (one edit).</summary>
        public const string OneFile = "one edit";
    }
}
