using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RayGen.Generator;
using RayGen.Model;
using RayGen.Tests.Corpus;
using RayGen.Tests.Infrastructure;
using RayGen.Tests.Robustness;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Generator
{
    /// <summary>
    /// The literal budget (docs/limits.md): an assembly holds at most 2^24 bytes of user strings (#US,
    /// error CS8103 at emit), and generated code holds the manifest's strings, some several times. RayGen
    /// counts the literals it would write and leaves out the clusters that would take it past its budget,
    /// with RAY0195 at the cluster's name, so the project always compiles.
    /// <para>
    /// The cost is measured here on the generated code itself, independently of RayGen's counting: every
    /// string literal token, its characters plus 3 (the #US entry's length prefix and final byte), except
    /// attribute arguments, which the compiler stores in the blob heap.
    /// </para>
    /// </summary>
    public class LiteralBudgetTests
    {
        private const long Budget = RayClusterGenerator.LiteralBudget;
        private const int Overhead = 3;

        // The #US heap's limit: a string may start below this offset (System.Reflection.Metadata's MetadataBuilder).
        private const int UserStringHeapLimit = 1 << 24;

        private static readonly string Bystander = RayCluster("bystander", Group(""));

        /// <summary>
        /// Without the budget these builds failed with CS8103 at emit: the check the tests below make, proved
        /// to see it. A string may end past the limit, but none may start there (so two are needed).
        /// </summary>
        [Fact]
        public void TheEmitCheckSeesCS8103()
        {
            string source = "class Program { static void Main() { System.Console.WriteLine(\"" + new string('x', UserStringHeapLimit / 2) + "\"); System.Console.WriteLine(\"y\"); } }";
            Assert.Contains(EmitErrors(GeneratorHarness.Compilation(source: source)), d => d.Id == "CS8103");
        }

        /// <summary>
        /// A 4.2 MB args value shared by the head and a worker (a YAML alias): each group's final args is
        /// another string (<c>--head</c>, <c>--address=</c>), 16.8 MB of user strings. Before the budget the
        /// next file's strings got CS8103 (the compiler stores equal strings once, so the pod factories'
        /// copies of the same args added nothing).
        /// </summary>
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void OneClusterWithAHugeArgsValueIsSkipped(bool kubernetes)
        {
            string huge = RayCluster("huge", Group("args: &a [\"echo " + new string('x', 4_200_000) + "\"]\n"), Worker("w", Group("args: *a\n")));
            AssertBudgetApplied(new[] { ("/project/huge.yaml", huge), ("/project/zz-bystander.yaml", Bystander) }, kubernetes, skipped: new[] { "huge" });
        }

        /// <summary>A rayStartParams value is written three times (the params, the ray start line and the args): 3 MB make 18 MB.</summary>
        [Fact]
        public void OneClusterWithAHugeRayStartParamIsSkipped()
        {
            string huge = RayCluster("huge", Group(string.Empty, rayStartParams: "{resources: '" + new string('x', 3_000_000) + "'}"));
            AssertBudgetApplied(new[] { ("/project/huge.yaml", huge), ("/project/zz-bystander.yaml", Bystander) }, kubernetes: false, skipped: new[] { "huge" });
        }

        /// <summary>
        /// Twenty files of 500 KB args (20 MB of user strings, CS8103 before the budget): the first seven, in path order, fit in the
        /// budget (7 × 0.5 M characters), the others are left out, each with its RAY0195.
        /// </summary>
        [Fact]
        public void ManyLargeFilesKeepThoseThatFitInPathOrder()
        {
            (string Path, string Text)[] files = TwentyLargeFiles();
            AssertBudgetApplied(files, kubernetes: false, skipped: Enumerable.Range(7, 13).Select(i => $"c{i:D2}").ToArray());
        }

        [Fact]
        public void TheSameClustersAreLeftOutWhateverTheFileOrder()
        {
            (string Path, string Text)[] files = TwentyLargeFiles();
            var shuffled = files.ToArray();
            new Random(7).Shuffle(shuffled);
            (string, string)[][] orders = { files, Enumerable.Reverse(files).ToArray(), shuffled };

            string[][] sources = orders.Select(order => GeneratorHarness.Run(order).Sources
                .OrderBy(s => s.HintName, StringComparer.Ordinal)
                .Select(s => s.HintName + "\n" + s.SourceText)
                .ToArray()).ToArray();
            string[][] diagnostics = orders.Select(order => GeneratorHarness.Analyze(order).Where(d => d.Id == "RAY0195").Select(GeneratorHarness.Format).ToArray()).ToArray();

            Assert.Equal(8, sources[0].Length); // seven files and the catalog
            Assert.Equal(13, diagnostics[0].Length);
            Assert.All(sources.Skip(1), s => Assert.Equal(sources[0], s));
            Assert.All(diagnostics.Skip(1), d => Assert.Equal(diagnostics[0], d));
        }

        /// <summary>
        /// Two clusters whose literals cost exactly the budget are both generated; one character more leaves
        /// out the second (in path order). Also proves the promised headroom: with RayGen's share full, the
        /// project's own literals may take the rest of the heap (8,777,216 bytes) and still compile.
        /// </summary>
        [Fact]
        public void BudgetIsExactAtTheEdge()
        {
            (string, string)[] Files(int padding) => new[]
            {
                ("/project/a.yaml", RayCluster("small", Group(""))),
                ("/project/b.yaml", RayCluster("edge", Group("").Replace("- name: ray\n", "- name: ray" + new string('x', padding) + "\n"))),
            };

            // The cost as a function of the padding, measured on generated code: written once, so one per character.
            long first = MeasuredCost(Generate(Files(1)).Sources);
            long slope = MeasuredCost(Generate(Files(11)).Sources) - first;
            Assert.Equal(10, slope);
            int atBudget = checked((int)(1 + Budget - first));

            string userLiteral = new string('u', 4_385_000); // 2 × 4,385,000 + 5 bytes: the heap's share RayGen leaves
            GeneratorRun full = Generate(Files(atBudget), "class Program { static void Main() { System.Console.WriteLine(\"" + userLiteral + "\"); } }");
            Assert.Equal(Budget, MeasuredCost(full.Sources));
            Assert.Equal(new[] { "edge", "small" }, Catalog(full));
            Assert.Empty(EmitErrors(full.Output));
            Assert.Empty(GeneratorHarness.Analyze(Files(atBudget)).Where(d => d.Id == "RAY0195"));

            long smallCost = MeasuredCost(full.Sources.Where(s => s.HintName == "RayClusters.AYaml.g.cs"));
            GeneratorRun over = Generate(Files(atBudget + 1));
            Assert.Equal(new[] { "small" }, Catalog(over));
            Assert.Equal(smallCost, MeasuredCost(over.Sources));
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(Files(atBudget + 1)), d => d.Id == "RAY0195");
            Assert.Equal(
                $"RAY0195 Warning b.yaml(4,9): The code generated for RayCluster 'edge' would exceed the C# compiler's limit on string literals (CS8103): it needs {Budget + 1 - smallCost} characters of RayGen's budget of {Budget} per project, and {Budget - smallCost} are left after the clusters before it (in path order); the cluster was skipped: no generated code (limits: docs/limits.md).",
                GeneratorHarness.Format(diagnostic));
        }

        public static IEnumerable<object[]> CountCases() =>
            new[] { "corpus", "corpus with KubernetesClient", "injection", "injection with KubernetesClient", "mutants with KubernetesClient" }
                .Concat(SnapshotTests.Cases.Keys.Select(k => "snapshot " + k))
                .Select(c => new object[] { c });

        /// <summary>
        /// RayGen's count, made from the models without emitting, equals the literals in the code it emits,
        /// file by file; and twice the count bounds the #US heap of the compiled assembly.
        /// </summary>
        [SkippableTheory]
        [MemberData(nameof(CountCases))]
        public void ComputedCostEqualsTheLiteralsTheEmitterWrites(string name)
        {
            bool kubernetes = name.EndsWith("with KubernetesClient", StringComparison.Ordinal) || name == "snapshot PodFactories";
            var properties = name == "snapshot LegacyProfile" ? new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.2" } : null;
            GeneratorRun run = GeneratorHarness.Run(CountInputs(name), properties, kubernetes: kubernetes);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationErrors);

            GeneratorRunResult result = run.Driver.GetRunResult().Results.Single();
            FileLiteralCosts[] costs = result.TrackedSteps[TrackingNames.LiteralCosts].SelectMany(s => s.Outputs).Select(o => (FileLiteralCosts)o.Value).ToArray();
            var names = (NameMap)result.TrackedSteps[TrackingNames.Names].Single().Outputs.Single().Value;
            var skipped = (SkippedClusters)result.TrackedSteps[TrackingNames.LiteralBudget].Single().Outputs.Single().Value;
            Assert.Empty(skipped.Clusters);

            var expected = costs.Where(f => !f.Clusters.IsEmpty)
                .ToDictionary(f => names.Files.Single(h => h.SourcePath == f.RelativePath).HintName, f => f.Clusters.Sum(c => c.Characters));
            expected["RayClusters.g.cs"] = 0;
            Assert.True(expected.Count > 1, "no cluster was generated");
            var measured = run.Sources.ToDictionary(s => s.HintName, s => MeasuredCost(new[] { s }));
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), measured.OrderBy(p => p.Key, StringComparer.Ordinal));

            long total = expected.Values.Sum();
            Assert.InRange(UserStringHeapSize(run.Output), 1, (2 * total) + 4); // + the heap's empty first entry and alignment
        }

        [Fact]
        public void BudgetKeepsClustersInPathAndDocumentOrderAndTriesTheRest()
        {
            ClusterLiteralCost[] clusters =
            {
                new("b.yaml", 1, 3), new("a.yaml", 0, 6), new("b.yaml", 0, 4), new("c.yaml", 0, 100), new("d.yaml", 0, 1),
            };

            // a and b#0 use 10 of 10: b#1 (3) is over, c (100) is over, d (1) is over.
            Assert.Equal(new[] { ("b.yaml", 1, 10L), ("c.yaml", 0, 10L), ("d.yaml", 0, 10L) }, Over(clusters, 10));

            // One more: d fits after the two that do not.
            Assert.Equal(new[] { ("b.yaml", 1, 10L), ("c.yaml", 0, 10L) }, Over(clusters, 11));

            // Enough for all but c, which is over any smaller budget; d takes the last unit.
            Assert.Equal(new[] { ("c.yaml", 0, 13L) }, Over(clusters, 14));
            Assert.Empty(Over(clusters, 114));

            foreach (int seed in Enumerable.Range(0, 5))
            {
                var shuffled = clusters.ToArray();
                new Random(seed).Shuffle(shuffled);
                Assert.Equal(Over(clusters, 11), Over(shuffled, 11));
            }

            static (string, int, long)[] Over(IEnumerable<ClusterLiteralCost> costs, long budget) =>
                RayClusterGenerator.OverBudget(costs, budget).Select(o => (o.Cluster.SourcePath, o.Cluster.DocumentIndex, o.Used)).ToArray();
        }

        [Fact]
        public void LimitsPageStatesTheBudget()
        {
            string limits = File.ReadAllText(Path.Combine(RepoPaths.Docs, "limits.md"));
            Assert.Contains("| String literals in generated code | " + Budget.ToString("N0", CultureInfo.InvariantCulture) + " characters |", limits);
        }

        private static (string Path, string Text)[] TwentyLargeFiles() =>
            Enumerable.Range(0, 20)
                .Select(i => ($"/project/many/f{i:D2}.yaml", RayCluster($"c{i:D2}", Group("args: [\"echo " + new string((char)('a' + i), 500_000) + "\"]\n"))))
                .ToArray();

        /// <summary>
        /// Generates and analyzes <paramref name="files"/>; the clusters named in <paramref name="skipped"/> are
        /// left out, each with one RAY0195 at its metadata.name, and the rest generates and compiles.
        /// </summary>
        private static void AssertBudgetApplied((string Path, string Text)[] files, bool kubernetes, string[] skipped)
        {
            GeneratorRun run = GeneratorHarness.Run(files, kubernetes: kubernetes);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationErrors);
            Assert.Empty(EmitErrors(run.Output));
            long cost = MeasuredCost(run.Sources);
            Assert.InRange(cost, 1, Budget);
            Assert.InRange(UserStringHeapSize(run.Output), 1, (2 * cost) + 4);

            Assert.Equal(files.Select(f => ClusterName(f.Text)).Except(skipped).OrderBy(n => n, StringComparer.Ordinal), Catalog(run));

            ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.Analyze(files, kubernetes: kubernetes);
            Assert.DoesNotContain(diagnostics, d => d.Id is "RAY0199" or "AD0001");
            var reported = new List<string>();
            foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id == "RAY0195"))
            {
                FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
                string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
                Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(3, 8), span.StartLinePosition); // the value of metadata.name
                Assert.StartsWith("The code generated for RayCluster '", message);
                Assert.Contains("' would exceed the C# compiler's limit on string literals (CS8103)", message);
                Assert.EndsWith("the cluster was skipped: no generated code (limits: docs/limits.md).", message);
                reported.Add(ClusterName(files.Single(f => f.Path == span.Path).Text));
            }

            Assert.Equal(skipped.OrderBy(n => n, StringComparer.Ordinal), reported.OrderBy(n => n, StringComparer.Ordinal));
        }

        /// <summary>metadata.name of a manifest made by <see cref="RayCluster"/> (its fourth line).</summary>
        private static string ClusterName(string yaml)
        {
            const string Prefix = "metadata:\n  name: ";
            int start = yaml.IndexOf(Prefix, StringComparison.Ordinal) + Prefix.Length;
            return yaml.Substring(start, yaml.IndexOf('\n', start) - start);
        }

        private static IEnumerable<(string Path, string Text)> CountInputs(string name)
        {
            if (name.StartsWith("snapshot ", StringComparison.Ordinal))
            {
                return SnapshotTests.Cases[name.Substring("snapshot ".Length)];
            }

            if (name.StartsWith("corpus", StringComparison.Ordinal))
            {
                return KubeRaySamplesTests.CorpusFiles();
            }

            if (name.StartsWith("injection", StringComparison.Ordinal))
            {
                var random = new Random(2028);
                string[] values = CodeInjectionTests.FixedValues.Concat(Enumerable.Range(0, 60).Select(_ => CodeInjectionTests.RandomValue(random))).ToArray();
                return values.Select((value, i) => ("/project/" + CodeInjectionTests.RelativePath(i, value), CodeInjectionTests.Yaml(i, value)));
            }

            // Mutants of every fuzz seed: odd shapes and types in pod templates reach every branch of the pod emitter.
            IReadOnlyList<(string Name, string Text)> seeds = FuzzSeeds.All();
            return Enumerable.Range(0, 300).Select(i =>
            {
                var random = new Random(4099 + i);
                return ($"/project/mutants/{i:D3}.yaml", YamlMutator.Mutate(seeds[random.Next(seeds.Count)].Text, random).Text);
            });
        }

        private static GeneratorRun Generate((string Path, string Text)[] files, string? source = null)
        {
            GeneratorDriver driver = GeneratorHarness.Driver(GeneratorHarness.Texts(files))
                .RunGeneratorsAndUpdateCompilation(source is null ? GeneratorHarness.Compilation() : GeneratorHarness.Compilation(source: source), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            Assert.Empty(diagnostics);
            return new GeneratorRun((CSharpCompilation)output, driver.GetRunResult().Results.Single().GeneratedSources, diagnostics, driver);
        }

        private static string[] Catalog(GeneratorRun run) =>
            GeneratedAssembly.LoadCatalog(run.Output).Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        /// <summary>Characters plus 3 per string literal of the sources, attribute arguments excepted.</summary>
        private static long MeasuredCost(IEnumerable<GeneratedSourceResult> sources)
        {
            long cost = 0;
            foreach (GeneratedSourceResult source in sources)
            {
                SyntaxNode root = CSharpSyntaxTree.ParseText(source.SourceText).GetRoot();
                foreach (SyntaxToken token in root.DescendantTokens())
                {
                    // Any other kind of string would escape this measure: the emitter writes none.
                    Assert.False(
                        token.Kind() is SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken or SyntaxKind.InterpolatedSingleLineRawStringStartToken
                            or SyntaxKind.InterpolatedMultiLineRawStringStartToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                            or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.CharacterLiteralToken,
                        $"{source.HintName}: unexpected {token.Kind()}");
                    if (token.IsKind(SyntaxKind.StringLiteralToken) && token.Parent!.FirstAncestorOrSelf<AttributeArgumentSyntax>() is null)
                    {
                        cost += token.ValueText.Length + Overhead;
                    }
                }
            }

            return cost;
        }

        /// <summary>The errors of a real emit: CS8103 is reported there, not by GetDiagnostics.</summary>
        private static IEnumerable<Diagnostic> EmitErrors(Compilation compilation)
        {
            using var stream = new MemoryStream();
            return compilation.Emit(stream).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        }

        private static int UserStringHeapSize(Compilation compilation)
        {
            using var stream = new MemoryStream();
            Assert.True(compilation.Emit(stream).Success);
            stream.Position = 0;
            using var reader = new PEReader(stream);
            return reader.GetMetadataReader().GetHeapSize(HeapIndex.UserString);
        }
    }
}
