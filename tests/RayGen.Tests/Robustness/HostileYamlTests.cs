using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RayGen.Diagnostics;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Tests.Infrastructure;
using RayGen.Yaml;
using Xunit;
using Xunit.Abstractions;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Robustness
{
    /// <summary>Tests that measure process-wide allocations run alone.</summary>
    [CollectionDefinition(nameof(AllocationMeasuring), DisableParallelization = true)]
    public sealed class AllocationMeasuring
    {
    }

    /// <summary>
    /// Hostile YAML: the work is bounded by the budgets (docs/limits.md), proved with allocated bytes
    /// (never wall clock); a limit that is crossed is a RAY0195 with a clear message; and the build
    /// goes on: the rest of the project still generates and compiles.
    /// <para>
    /// Bounds: the domain code (YAML to operator output) is measured on this thread, exactly; the whole
    /// generator and analyzer run through Roslyn process-wide, so these tests run alone. Each bound is a
    /// few times what was measured (noted beside it) and far below what the unbounded work would take.
    /// </para>
    /// </summary>
    [Collection(nameof(AllocationMeasuring))]
    public class HostileYamlTests
    {
        private const long MB = 1024 * 1024;

        private static readonly string Bystander = RayCluster("bystander", Group(""));

        private readonly ITestOutputHelper _output;

        public HostileYamlTests(ITestOutputHelper output) => _output = output;

        public static string BillionLaughs()
        {
            var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for (int i = 1; i < 12; i++)
            {
                text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))}]\n");
            }

            return text.ToString();
        }

        [Fact]
        public void BillionLaughsStopsAtTheAliasBudget()
        {
            Problem problem = AssertBudget(BillionLaughs(), domainBound: 1 * MB, buildBound: 16 * MB); // measured 40 KB, 0.5 MB
            Assert.Equal("Aliases in this document expand to more than 1000000 nodes; the document was not read. Later documents of the file are skipped too", problem.MessageArgs[0]);
        }

        /// <summary>A long string aliased many times: cheap as YAML, but a consumer that joins the items (command, args) would build gigabytes.</summary>
        [Fact]
        public void AliasedLongStringStopsAtTheAliasCharacterBudget()
        {
            string yaml = RayCluster("amplified", Group("command: [" + string.Join(", ", Enumerable.Repeat("*long", 1000)) + "]\n"), specExtra: "rayVersion: &long \"" + new string('x', 1_000_000) + "\"\n")
                .Replace("  rayVersion: \"2.52.0\"\n", string.Empty);
            Problem problem = AssertBudget(yaml, domainBound: 16 * MB, buildBound: 48 * MB); // measured 4 MB, 8.5 MB (the 1 MB string is read)
            Assert.Equal("Aliases in this document expand to more than 10485760 characters of text; the document was not read. Later documents of the file are skipped too", problem.MessageArgs[0]);
        }

        [Theory]
        [InlineData("[", "]")]
        [InlineData("{a: ", "}")]
        [InlineData("- ", "")]
        public void HundredThousandLevelsOfNestingStopAtTheDepthBudget(string open, string close)
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: deep\nspec:\n  "
                + string.Concat(Enumerable.Repeat(open, 100_000)) + "x" + string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";
            Problem problem = AssertBudget(yaml, domainBound: 4 * MB, buildBound: 16 * MB); // measured at most 0.4 MB, 1.1 MB
            Assert.Equal("YAML nesting is deeper than the limit of 200 levels; the document was not read. Later documents of the file are skipped too", problem.MessageArgs[0]);
            Assert.Equal(5, problem.Span.StartLine);
        }

        /// <summary>Read from a stream, as the compiler reads files, so the text is not one string: RayGen must not make it one.</summary>
        [Fact]
        public void TwentyMegabyteFileIsNotRead()
        {
            string yaml = RayCluster("huge", Group("")) + "# " + new string('x', 20 * 1024 * 1024) + "\n";
            SourceText text = SourceText.From(new MemoryStream(Encoding.UTF8.GetBytes(yaml)), Encoding.UTF8);
            Problem problem = AssertBudget(yaml, domainBound: 0, buildBound: 16 * MB, text); // measured 744 B, 2.4 MB: no copy of the 40 MB text
            Assert.Equal($"The YAML text has {yaml.Length} characters, more than the limit of 10485760; it was not read. Later documents of the file are skipped too", problem.MessageArgs[0]);
            Assert.Equal(SourceSpan.Empty, problem.Span);
        }

        [Fact]
        public void HundredThousandWorkerGroupsSkipTheCluster()
        {
            string yaml = Groups("crowded", 100_000) + "---\n" + RayCluster("neighbor", Group(""));

            // Linear in the text: measured 71 bytes per character for the domain code, twice that for the
            // build (generator and analyzers each parse once); YamlDotNet's own parser is a part of it.
            Problem problem = AssertBudget(yaml, domainBound: 128L * yaml.Length, buildBound: 256L * yaml.Length, expectNeighbor: true);
            Assert.Equal("This cluster has 100000 worker groups, more than the limit of 10000; it was skipped: no checks, no generated code", problem.MessageArgs[0]);
            Assert.Equal((10, 2), (problem.Span.StartLine, problem.Span.StartColumn));
        }

        [Fact]
        public void TenThousandWorkerGroupsWithOneNameAreReadAndNamedInLinearWork()
        {
            ManifestModel manifest = ManifestFile.Read(Groups("full", 10_000, sameName: true), null, CancellationToken.None).Single();
            Assert.Equal(10_000, manifest.Cluster!.Workers.Count);
            Assert.Null(ManifestFile.Read(Groups("over", 10_001), null, CancellationToken.None).Single().Cluster);

            // Naming 10,000 equal names was O(n²) string building (gigabytes); now a few megabytes.
            long allocated = AllocatedOnThisThread(() => RayGen.Generator.RayClusterGenerator.Emitter.WorkerMemberNames("Full", manifest.Cluster.Workers.Select(w => w.GroupName)));
            _output.WriteLine($"naming: {allocated:N0} bytes");
            Assert.InRange(allocated, 0, 8 * MB); // measured about 1.5 MB
            Assert.Equal(10_000, ClusterBuilder.Build(manifest, "x.yaml", OperatorSettings.Default, pods: true)!.Workers.Count);
        }

        /// <summary>One cluster with <paramref name="count"/> worker groups that share a template through an alias (so the node budget is not the limit).</summary>
        private static string Groups(string name, int count, bool sameName = false)
        {
            var text = new StringBuilder("apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: ").Append(name).Append('\n')
                .Append("spec:\n  headGroupSpec:\n    rayStartParams: {}\n    template: &t\n      spec:\n        containers: [{name: ray, image: rayproject/ray:2.52.0}]\n  workerGroupSpecs:\n");
            for (int i = 0; i < count; i++)
            {
                text.Append("  - {groupName: g").Append(sameName ? string.Empty : i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(", rayStartParams: {}, template: *t}\n");
            }

            return text.ToString();
        }

        /// <summary>
        /// Runs the domain code and the whole build on <paramref name="yaml"/> beside a valid file, checks
        /// the allocation bounds, a single RAY0195 and that the build goes on; returns the RAY0195 problem.
        /// </summary>
        private Problem AssertBudget(string yaml, long domainBound, long buildBound, SourceText? text = null, bool expectNeighbor = false)
        {
            var problems = new List<Problem>();
            long domain = AllocatedOnThisThread(() =>
            {
                if (ManifestFile.SizeProblem(yaml.Length) is { } tooLarge)
                {
                    problems.Add(tooLarge);
                    return;
                }

                foreach (ManifestModel manifest in ManifestFile.Parse(yaml, problems, CancellationToken.None).Manifests)
                {
                    ClusterBuilder.Build(manifest, "hostile.yaml", OperatorSettings.Default, pods: true);
                }
            });

            AdditionalText[] files = { new InMemoryAdditionalText("/project/hostile.yaml", text ?? SourceText.From(yaml)), new InMemoryAdditionalText("/project/bystander.yaml", Bystander) };
            GeneratorRun run = null!;
            IReadOnlyList<Diagnostic> diagnostics = null!;
            long build = AllocatedInProcess(() =>
            {
                run = GeneratorHarness.Run(files);
                diagnostics = GeneratorHarness.Analyze(files);
            });
            _output.WriteLine($"domain: {domain:N0} bytes, generator + analyzers: {build:N0} bytes");

            Assert.InRange(domain, 0, Math.Max(domainBound, 64 * 1024));
            Assert.InRange(build, 0, buildBound);
            Problem problem = Assert.Single(problems, p => p.RuleId == RuleIds.InputLimitExceeded);
            Diagnostic diagnostic = Assert.Single(diagnostics);
            Assert.Equal("RAY0195", diagnostic.Id);
            Assert.Equal(problem.MessageArgs[0] + " (limits: docs/limits.md).", diagnostic.GetMessage());

            // The build goes on: no generator failure, the code compiles, the other file is there.
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationErrors);
            string[] names = GeneratedAssembly.LoadCatalog(run.Output).Select(c => c.Name).ToArray();
            Assert.Equal(expectNeighbor ? new[] { "bystander", "neighbor" } : new[] { "bystander" }, names.OrderBy(n => n, StringComparer.Ordinal));
            return problem;
        }

        private static long AllocatedOnThisThread(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        private static long AllocatedInProcess(Action action)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            action();
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }
    }
}
