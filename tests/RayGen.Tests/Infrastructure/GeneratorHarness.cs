using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RayGen.Diagnostics.Analyzers;
using RayGen.Generator;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>An AdditionalText over a string, as the compiler would give it.</summary>
    internal sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
            : this(path, SourceText.From(text))
        {
        }

        public InMemoryAdditionalText(string path, SourceText text)
        {
            Path = path;
            _text = text;
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Global build properties and per-file item metadata, as MSBuild would pass them.</summary>
    internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, Dictionary<string, string>> _files;

        public TestOptionsProvider(IDictionary<string, string>? properties = null, Dictionary<string, Dictionary<string, string>>? fileMetadata = null)
        {
            var global = new Dictionary<string, string> { ["build_property.MSBuildProjectDirectory"] = GeneratorHarness.ProjectDirectory };
            foreach (var pair in properties ?? new Dictionary<string, string>())
            {
                global["build_property." + pair.Key] = pair.Value;
            }

            GlobalOptions = new Options(global);
            _files = fileMetadata ?? new Dictionary<string, Dictionary<string, string>>();
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        /// <summary>Item metadata by name; keys starting with "raygen." are passed as raw editorconfig keys (per-path sections).</summary>
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(_files.TryGetValue(textFile.Path, out var metadata)
                ? metadata.ToDictionary(p => p.Key.StartsWith("raygen.", StringComparison.Ordinal) ? p.Key : "build_metadata.AdditionalFiles." + p.Key, p => p.Value)
                : new Dictionary<string, string>());

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }

    internal sealed record GeneratorRun(
        CSharpCompilation Output,
        ImmutableArray<GeneratedSourceResult> Sources,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        GeneratorDriver Driver)
    {
        public IEnumerable<Diagnostic> CompilationErrors => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
    }

    /// <summary>Runs RayClusterGenerator (and the analyzers) in-process on a compilation of our own.</summary>
    internal static class GeneratorHarness
    {
        public const string ProjectDirectory = "/project";

        public static readonly MetadataReference Abstractions = MetadataReference.CreateFromFile(typeof(RayClusterInfo).Assembly.Location);

        /// <summary>KubernetesClient (and what its model types expose), for projects that use the pod factories.</summary>
        public static readonly MetadataReference[] KubernetesClient =
        {
            MetadataReference.CreateFromFile(typeof(k8s.Models.V1Pod).Assembly.Location),
        };

        public static CSharpCompilation Compilation(LanguageVersion language = LanguageVersion.Latest, string source = "class Program { static void Main() { } }", bool kubernetes = false) =>
            CSharpCompilation.Create(
                "Consumer",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language), path: "/project/Program.cs") },
                Basic.Reference.Assemblies.Net100.References.All.Concat(new[] { Abstractions }).Concat(kubernetes ? KubernetesClient : Array.Empty<MetadataReference>()),
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: language >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable));

        public static GeneratorDriver Driver(
            IEnumerable<AdditionalText> files,
            AnalyzerConfigOptionsProvider? options = null,
            LanguageVersion language = LanguageVersion.Latest,
            bool trackSteps = true) =>
            CSharpGeneratorDriver.Create(
                new[] { new RayClusterGenerator().AsSourceGenerator() },
                files,
                new CSharpParseOptions(language),
                options ?? new TestOptionsProvider(),
                new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

        public static GeneratorRun Run(
            IEnumerable<(string Path, string Text)> files,
            IDictionary<string, string>? properties = null,
            LanguageVersion language = LanguageVersion.Latest,
            Dictionary<string, Dictionary<string, string>>? metadata = null,
            bool kubernetes = false) =>
            Run(Texts(files), properties, language, metadata, kubernetes);

        public static GeneratorRun Run(
            AdditionalText[] texts,
            IDictionary<string, string>? properties = null,
            LanguageVersion language = LanguageVersion.Latest,
            Dictionary<string, Dictionary<string, string>>? metadata = null,
            bool kubernetes = false)
        {
            GeneratorDriver driver = Driver(texts, new TestOptionsProvider(properties, metadata), language);
            driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(language, kubernetes: kubernetes), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            GeneratorDriverRunResult result = driver.GetRunResult();
            return new GeneratorRun((CSharpCompilation)output, result.Results.Single().GeneratedSources, diagnostics, driver);
        }

        public static GeneratorRun Run(string yaml, IDictionary<string, string>? properties = null, bool kubernetes = false) =>
            Run(new[] { ("/project/ray/cluster.yaml", yaml) }, properties, kubernetes: kubernetes);

        /// <summary>Runs every RayGen analyzer on the files; returns the diagnostics sorted by position.</summary>
        public static ImmutableArray<Diagnostic> Analyze(
            IEnumerable<(string Path, string Text)> files,
            IDictionary<string, string>? properties = null,
            Dictionary<string, Dictionary<string, string>>? metadata = null,
            bool kubernetes = false) =>
            Analyze(Texts(files), properties, metadata, kubernetes);

        public static ImmutableArray<Diagnostic> Analyze(
            AdditionalText[] texts,
            IDictionary<string, string>? properties = null,
            Dictionary<string, Dictionary<string, string>>? metadata = null,
            bool kubernetes = false)
        {
            ImmutableArray<DiagnosticAnalyzer> analyzers = AllAnalyzers();
            var withAnalyzers = Compilation(kubernetes: kubernetes).WithAnalyzers(
                analyzers,
                new AnalyzerOptions(texts.ToImmutableArray(), new TestOptionsProvider(properties, metadata)));
            return withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult()
                .Where(d => d.Id.StartsWith("RAY", StringComparison.Ordinal) || d.Id == "AD0001")
                .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();
        }

        public static ImmutableArray<Diagnostic> Analyze(string yaml, IDictionary<string, string>? properties = null, bool kubernetes = false) =>
            Analyze(new[] { ("/project/ray/cluster.yaml", yaml) }, properties, kubernetes: kubernetes);

        public static AdditionalText[] Texts(IEnumerable<(string Path, string Text)> files) =>
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray();

        public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
            typeof(RayClusterGenerator).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        public static string Format(Diagnostic diagnostic)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            return $"{diagnostic.Id} {diagnostic.Severity} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }
    }
}
