using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Tests.Infrastructure;

namespace RayGen.Benchmarks
{
    /// <summary>
    /// The IDE's case: the synthetic 1,000-file project was built once; then one YAML value changes, or
    /// a C# file changes. Each invocation starts from the same warm state, so each is one real edit.
    /// </summary>
    [BenchmarkCategory(Categories.Incremental, Categories.OneFile)]
    public class IncrementalBenchmarks
    {
        private const int EditedFile = 500;

        private CSharpCompilation _compilation = null!;
        private CSharpCompilation _editedCompilation = null!;
        private GeneratorDriver _warm = null!;
        private AdditionalText _original = null!;
        private AdditionalText _edited = null!;
        private string _editedText = null!;
        private ImmutableArray<AdditionalText> _texts;
        private ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private TestOptionsProvider _options = null!;

        [GlobalSetup]
        public void Setup()
        {
            IReadOnlyList<(string Path, string Text)> files = BenchmarkProject.Load(BenchmarkProject.Synthetic);
            _texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
            _options = new TestOptionsProvider();
            _analyzers = GeneratorHarness.AllAnalyzers();
            _compilation = GeneratorHarness.Compilation();
            _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Edited { int X => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
            _warm = GeneratorHarness.Driver(_texts, _options, trackSteps: false).RunGenerators(_compilation);
            _original = _texts[EditedFile];
            _editedText = BenchmarkProject.SyntheticCluster(EditedFile, cpu: 9);
            _edited = new InMemoryAdditionalText(_original.Path, _editedText);

            // The analyzers have seen every text once, as in an open IDE session.
            _compilation.WithAnalyzers(_analyzers, new AnalyzerOptions(_texts, _options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        }

        [Benchmark(Baseline = true)]
        public int YamlDotNetParserOneFile() => ColdBuildBenchmarks.ParseEvents(new[] { (_original.Path, _editedText) });

        [Benchmark]
        public GeneratorDriver GeneratorOneYamlEdited() => _warm.ReplaceAdditionalText(_original, _edited).RunGenerators(_compilation);

        [Benchmark]
        public GeneratorDriver GeneratorCSharpEdited() => _warm.RunGenerators(_editedCompilation);

        /// <summary>What the IDE runs for an edited additional document: the analyzers on that file only.</summary>
        [Benchmark]
        public AnalysisResult AnalyzersOneYamlEdited()
        {
            // A new text object, as the IDE has after an edit.
            var edited = new InMemoryAdditionalText(_original.Path, _editedText);
            var options = new AnalyzerOptions(_texts.Replace(_original, edited), _options);
            return _compilation.WithAnalyzers(_analyzers, options)
                .GetAnalysisResultAsync(edited, default).GetAwaiter().GetResult();
        }

        /// <summary>Whole-project analysis after a C# edit: the YAML texts are the same objects as before.</summary>
        [Benchmark]
        public ImmutableArray<Diagnostic> AnalyzersCSharpEdited() =>
            _editedCompilation.WithAnalyzers(_analyzers, new AnalyzerOptions(_texts, _options))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }
}
