using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Tests.Infrastructure;

namespace RayGen.Benchmarks
{
    /// <summary>
    /// <c>--alloc-by-analyzer</c>: bytes each analyzer allocates over the synthetic project, cold and after a
    /// C# edit (every text already analyzed once), to find which one a benchmark row's allocations come from.
    /// Allocations, unlike time, do not depend on machine noise, so one run is enough.
    /// </summary>
    internal static class AllocationProfile
    {
        public static void Run(string project)
        {
            var files = BenchmarkProject.Load(project);
            var options = new TestOptionsProvider();
            ImmutableArray<AdditionalText> texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
            CSharpCompilation compilation = GeneratorHarness.Compilation();
            CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Edited { int X => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
            ImmutableArray<DiagnosticAnalyzer> all = GeneratorHarness.AllAnalyzers();

            long Measure(CSharpCompilation c, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> inputs)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                c.WithAnalyzers(analyzers, new AnalyzerOptions(inputs, options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                return GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            Console.WriteLine($"{project}: {files.Count} files; KB allocated per file");
            Console.WriteLine($"{"Analyzer",-45} {"cold",10} {"C# edit",10}");
            foreach (DiagnosticAnalyzer analyzer in all.Prepend(null!))
            {
                ImmutableArray<DiagnosticAnalyzer> set = analyzer is null ? all : ImmutableArray.Create(analyzer);
                // New text objects: nothing cached for "cold"; the same objects again for the C# edit.
                ImmutableArray<AdditionalText> fresh = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
                long cold = Measure(compilation, set, fresh);
                long warm = Measure(edited, set, fresh);
                Console.WriteLine($"{(analyzer is null ? "(all analyzers)" : analyzer.GetType().Name),-45} {cold / 1024.0 / files.Count,10:F1} {warm / 1024.0 / files.Count,10:F1}");
            }
        }
    }
}
