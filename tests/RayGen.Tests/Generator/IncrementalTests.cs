using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Generator
{
    /// <summary>
    /// The generator must do no work on unrelated edits and only the needed work on YAML edits
    /// (the IDE runs it on every keystroke).
    /// </summary>
    public class IncrementalTests
    {
        private static readonly string[] AllSteps = typeof(TrackingNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!)
            .ToArray();

        private static InMemoryAdditionalText File(string name, string clusterName, string comment = "", string cpu = "1") =>
            new("/project/ray/" + name, comment + RayCluster(clusterName, Group(Resources(cpu, "1Gi")), Worker("w", Group(Resources(cpu, "1Gi")))));

        private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(params AdditionalText[] files) => FirstRun(false, files);

        private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(bool kubernetes, params AdditionalText[] files)
        {
            GeneratorDriver driver = GeneratorHarness.Driver(files);
            Compilation compilation = GeneratorHarness.Compilation(kubernetes: kubernetes);
            driver = driver.RunGenerators(compilation);
            return (driver, compilation);
        }

        private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
            driver.GetRunResult().Results.Single().TrackedSteps.TryGetValue(step, out var runs)
                ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason)
                : Enumerable.Empty<IncrementalStepRunReason>();

        private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorDriver driver) =>
            driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason);

        /// <summary>Every step's outputs as "Step: Reason×count", plus the source outputs, for exact assertions.</summary>
        private static string[] Table(GeneratorDriver driver) =>
            AllSteps.Select(step => step + ": " + Counts(Reasons(driver, step)))
                .Append("Outputs: " + Counts(OutputReasons(driver)))
                .ToArray();

        private static string Counts(IEnumerable<IncrementalStepRunReason> reasons) =>
            string.Join(", ", reasons.GroupBy(r => r.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void UnrelatedCSharpEditIsCachedEverywhere(bool kubernetes)
        {
            var (driver, compilation) = FirstRun(kubernetes, File("a.yaml", "a"), File("b.yaml", "b"));
            Assert.Equal(kubernetes, driver.GetRunResult().GeneratedTrees.Any(t => t.ToString().Contains("CreateHeadPod(")));
            Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { public int Pod; }"));
            driver = driver.RunGenerators(edited);

            foreach (string step in AllSteps)
            {
                Assert.All(Reasons(driver, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
            }

            // The compilation changed, so the model description was recomputed, and came out equal.
            Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.KubernetesModel));
            Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }

        [Fact]
        public void ReferencingKubernetesClientBuildsPodsWithoutReparsing()
        {
            var (driver, compilation) = FirstRun(File("a.yaml", "a"));
            driver = driver.RunGenerators(compilation.AddReferences(GeneratorHarness.KubernetesClient));

            // Pods are built only once the factories can exist: the cluster models are rebuilt, the YAML is not re-read.
            Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.KubernetesModel));
            Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.PodFactories));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ParsedFiles));
            Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.ClusterFiles));
            Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(driver));
            Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("CreateHeadPod("));
        }

        [Fact]
        public void YamlCommentEditWithKubernetesClientStopsAtTheModel()
        {
            InMemoryAdditionalText a = File("a.yaml", "a");
            var (driver, compilation) = FirstRun(true, a);
            driver = driver.ReplaceAdditionalText(a, File("a.yaml", "a", comment: "# comment\n")).RunGenerators(compilation);

            Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.ParsedFiles));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, OutputReasons(driver));
        }

        [Fact]
        public void YamlCommentEditReparsesOnlyThatFileAndStopsAtTheModel()
        {
            InMemoryAdditionalText a = File("a.yaml", "a"), b = File("b.yaml", "b");
            var (driver, compilation) = FirstRun(a, b);
            driver = driver.ReplaceAdditionalText(a, File("a.yaml", "a", comment: "# a comment that moves every line\n\n")).RunGenerators(compilation);

            // The text changed, its manifests did not: everything after the parse is cached.
            Assert.Equal(
                new[] { "Settings: Cached×1", "FileInputs: Cached×1, Modified×1", "ParsedFiles: Cached×1, Unchanged×1", "ClusterFiles: Cached×2", "Names: Cached×1", "EmitModels: Cached×2", "Catalog: Cached×1", "KubernetesModel: Cached×1", "PodFactories: Cached×1", "LiteralCosts: Cached×2", "LiteralBudget: Cached×1", "Outputs: Cached×3" },
                Table(driver));
        }

        [Fact]
        public void ValueEditInOneOfManyFilesRegeneratesOnlyThatFile()
        {
            AdditionalText[] files = Enumerable.Range(0, 20).Select(i => (AdditionalText)File($"f{i:D2}.yaml", $"c{i}")).ToArray();
            var (driver, compilation) = FirstRun(files);
            driver = driver.ReplaceAdditionalText(files[7], File("f07.yaml", "c7", cpu: "3")).RunGenerators(compilation);

            // One file re-parsed and re-emitted; its cluster keys are equal, so the names stay cached, and so
            // are its literal costs ("1" and "3" have the same length), so the budget is not even rerun.
            Assert.Equal(
                new[] { "Settings: Cached×1", "FileInputs: Cached×19, Modified×1", "ParsedFiles: Cached×19, Modified×1", "ClusterFiles: Cached×19, Modified×1", "Names: Cached×1", "EmitModels: Cached×19, Modified×1", "Catalog: Cached×1", "KubernetesModel: Cached×1", "PodFactories: Cached×1", "LiteralCosts: Cached×19, Unchanged×1", "LiteralBudget: Cached×1", "Outputs: Cached×20, Modified×1" },
                Table(driver));
        }

        [Fact]
        public void ValueEditThatChangesALiteralCostRerunsOnlyTheBudget()
        {
            AdditionalText[] files = Enumerable.Range(0, 20).Select(i => (AdditionalText)File($"f{i:D2}.yaml", $"c{i}")).ToArray();
            var (driver, compilation) = FirstRun(files);
            driver = driver.ReplaceAdditionalText(files[7], File("f07.yaml", "c7", cpu: "16")).RunGenerators(compilation);

            // The budget is recomputed over the costs (no file is re-read for it) and comes out equal: nothing
            // is over budget, so the other files' emit models stay cached.
            Assert.Equal(
                new[] { "Settings: Cached×1", "FileInputs: Cached×19, Modified×1", "ParsedFiles: Cached×19, Modified×1", "ClusterFiles: Cached×19, Modified×1", "Names: Cached×1", "EmitModels: Cached×19, Modified×1", "Catalog: Cached×1", "KubernetesModel: Cached×1", "PodFactories: Cached×1", "LiteralCosts: Cached×19, Modified×1", "LiteralBudget: Unchanged×1", "Outputs: Cached×20, Modified×1" },
                Table(driver));
        }

        [Fact]
        public void EditThatCrossesTheLiteralBudgetDropsOnlyThatFilesCode()
        {
            AdditionalText[] files = { File("a.yaml", "a"), File("b.yaml", "b"), File("c.yaml", "c") };
            var (driver, compilation) = FirstRun(files);
            var huge = new InMemoryAdditionalText("/project/ray/b.yaml", RayCluster("b", Group("args: [\"" + new string('x', 4_100_000) + "\"]\n")));
            driver = driver.ReplaceAdditionalText(files[1], huge).RunGenerators(compilation);

            // b's code and catalog entry go; a's and c's emit models, recomputed against the new budget, come
            // out equal, so their outputs stay cached.
            Assert.Equal(
                new[] { "Settings: Cached×1", "FileInputs: Cached×2, Modified×1", "ParsedFiles: Cached×2, Modified×1", "ClusterFiles: Cached×2, Modified×1", "Names: Cached×1", "EmitModels: Cached×2, Removed×1", "Catalog: Modified×1", "KubernetesModel: Cached×1", "PodFactories: Cached×1", "LiteralCosts: Cached×2, Modified×1", "LiteralBudget: Modified×1", "Outputs: Cached×2, Modified×1, Removed×1" },
                Table(driver));
            Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.EndsWith("RayClusters.B.g.cs", StringComparison.Ordinal));

            // Over budget, a C# edit still re-runs nothing.
            driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }")));
            foreach (string step in AllSteps)
            {
                Assert.All(Reasons(driver, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
            }

            Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }

        [Fact]
        public void KubeRayVersionChangeRebuildsModelsWithoutReparsing()
        {
            var (driver, compilation) = FirstRun(File("a.yaml", "a"));
            driver = ((Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver)driver)
                .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.3" }))
                .RunGenerators(compilation);

            // Only the settings changed: no file is re-read or re-parsed, every cluster is rebuilt, and so are
            // its literal costs (other args); the budget is decided again, with the same result.
            Assert.Equal(
                new[] { "Settings: Modified×1", "FileInputs: Cached×1", "ParsedFiles: Cached×1", "ClusterFiles: Modified×1", "Names: Cached×1", "EmitModels: Modified×1", "Catalog: Unchanged×1", "KubernetesModel: Cached×1", "PodFactories: Cached×1", "LiteralCosts: Modified×1", "LiteralBudget: Unchanged×1", "Outputs: Cached×1, Modified×1" },
                Table(driver));
        }

        /// <summary>
        /// The analyzers share one parse per text (AnalyzedFile's cache), however many analyzers run and
        /// however often (a C# edit re-runs them on the same texts); the generator reads each text once.
        /// </summary>
        [Fact]
        public void EachComponentParsesEachTextOnce()
        {
            CountingText[] texts = Enumerable.Range(0, 10).Select(i => new CountingText(RayCluster($"c{i}", Group(""), Worker("w", Group(""))))).ToArray();
            AdditionalText[] files = texts.Select((t, i) => (AdditionalText)new InMemoryAdditionalText($"/project/ray/c{i}.yaml", t)).ToArray();
            Assert.True(GeneratorHarness.AllAnalyzers().Length > 3);

            GeneratorHarness.Analyze(files);
            Assert.All(texts, t => Assert.Equal(1, t.Reads));
            GeneratorHarness.Analyze(files);
            Assert.All(texts, t => Assert.Equal(1, t.Reads));

            GeneratorDriver driver = GeneratorHarness.Driver(files).RunGenerators(GeneratorHarness.Compilation());
            Assert.All(texts, t => Assert.Equal(2, t.Reads));
            driver.RunGenerators(GeneratorHarness.Compilation(source: "class Program { static void Main() { } } class Edited { }"));
            Assert.All(texts, t => Assert.Equal(2, t.Reads));
        }

        /// <summary>A text that counts how often its content is turned into a string (what a parse starts with).</summary>
        private sealed class CountingText : SourceText
        {
            private readonly SourceText _text;
            private int _reads;

            public CountingText(string text) => _text = SourceText.From(text);

            public int Reads => Volatile.Read(ref _reads);

            public override System.Text.Encoding? Encoding => _text.Encoding;

            public override int Length => _text.Length;

            public override char this[int position] => _text[position];

            public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count) =>
                _text.CopyTo(sourceIndex, destination, destinationIndex, count);

            public override string ToString(TextSpan span)
            {
                Interlocked.Increment(ref _reads);
                return _text.ToString(span);
            }
        }

        [Fact]
        public void PipelineModelsHoldNoRoslynOrYamlObjects()
        {
            var (driver, _) = FirstRun(true, File("a.yaml", "a"));
            Assert.Contains(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.KubernetesModel].SelectMany(r => r.Outputs), o => o.Value is Model.KubeModelDescription);
            var banned = new[] { typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(AdditionalText), typeof(SourceText), typeof(RayGen.Yaml.YamlNode) };
            foreach (var step in driver.GetRunResult().Results.Single().TrackedSteps.Where(s => AllSteps.Contains(s.Key)))
            {
                foreach (var output in step.Value.SelectMany(r => r.Outputs))
                {
                    AssertNoBannedTypes(output.Value, banned, step.Key, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
                }
            }
        }

        private static void AssertNoBannedTypes(object? value, Type[] banned, string path, HashSet<object> seen, int depth)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 30 || !seen.Add(value))
            {
                return;
            }

            Type type = value.GetType();
            Assert.False(banned.Any(b => b.IsAssignableFrom(type)), $"{path} holds a {type.Name}");
            if (value is IEnumerable items)
            {
                foreach (object? item in items)
                {
                    AssertNoBannedTypes(item, banned, path + "[]", seen, depth + 1);
                }
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                AssertNoBannedTypes(field.GetValue(value), banned, path + "." + field.Name, seen, depth + 1);
            }
        }
    }
}
