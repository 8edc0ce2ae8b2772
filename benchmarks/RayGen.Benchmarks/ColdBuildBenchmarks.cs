using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Tests.Infrastructure;
using YamlDotNet.Core;

namespace RayGen.Benchmarks
{
    /// <summary>
    /// A full build: the generator and all analyzers over every file, from fresh texts (so nothing is
    /// cached), against the baseline of YamlDotNet's parser reading the same text into no model.
    /// </summary>
    [BenchmarkCategory(Categories.Cold)]
    public class ColdBuildBenchmarks
    {
        private IReadOnlyList<(string Path, string Text)> _files = null!;
        private CSharpCompilation _compilation = null!;
        private ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private TestOptionsProvider _options = null!;

        [Params(BenchmarkProject.Corpus, BenchmarkProject.Synthetic, BenchmarkProject.SameName)]
        public string Project { get; set; } = BenchmarkProject.Corpus;

        [GlobalSetup]
        public void Setup()
        {
            _files = BenchmarkProject.Load(Project);
            _compilation = GeneratorHarness.Compilation();
            _analyzers = GeneratorHarness.AllAnalyzers();
            _options = new TestOptionsProvider();
        }

        [Benchmark(Baseline = true)]
        public int YamlDotNetParser() => ParseEvents(_files);

        [Benchmark]
        public GeneratorDriver Generator() => GeneratorHarness.Driver(FreshTexts(), _options, trackSteps: false).RunGenerators(_compilation);

        [Benchmark]
        public ImmutableArray<Diagnostic> Analyzers() =>
            _compilation.WithAnalyzers(_analyzers, new AnalyzerOptions(FreshTexts(), _options))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        /// <summary>YamlDotNet's event parser over every file: the least any YAML reader must do.</summary>
        internal static int ParseEvents(IEnumerable<(string Path, string Text)> files)
        {
            int events = 0;
            foreach ((string _, string text) in files)
            {
                var parser = new Parser(new StringReader(text));
                while (parser.MoveNext())
                {
                    events++;
                }
            }

            return events;
        }

        // New SourceText objects, as after a fresh load: the analyzers' per-text cache starts empty.
        private ImmutableArray<AdditionalText> FreshTexts() =>
            _files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
    }
}
