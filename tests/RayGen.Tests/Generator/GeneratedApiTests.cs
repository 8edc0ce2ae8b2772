using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RayGen.Tests.Corpus;
using RayGen.Tests.Infrastructure;
using RayGen.Tests.Kubernetes;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Generator
{
    /// <summary>The generated API, compiled and called for real.</summary>
    public class GeneratedApiTests
    {
        private static readonly string SampleDir = Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests");

        private static (string, string)[] SampleFiles() =>
            Directory.GetFiles(SampleDir, "*.yaml").OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => ("/project/manifests/" + Path.GetFileName(p), File.ReadAllText(p))).ToArray();

        [Fact]
        public void HeadCommandSampleArgsMatchTheSpecExactly()
        {
            GeneratorRun run = GeneratorHarness.Run(SampleFiles());
            Assert.Empty(run.CompilationErrors);
            IReadOnlyList<RayClusterInfo> all = GeneratedAssembly.LoadCatalog(run.Output);

            RayClusterInfo cluster = all.Single(c => c.Name == "raycluster-head-command");
            Assert.Equal("RayCluster", cluster.Kind);
            Assert.Null(cluster.Namespace);
            Assert.Equal("manifests/ray-cluster.head-command.yaml", cluster.SourcePath);
            Assert.Equal("1.7.0", cluster.KubeRayVersion);
            Assert.Equal("headgroup", cluster.Head.GroupName);
            Assert.Equal(RayNodeType.Head, cluster.Head.NodeType);
            Assert.Equal("ray-head", cluster.Head.ContainerName);
            Assert.Equal("rayproject/ray:2.52.0", cluster.Head.Image);
            Assert.Equal(new[] { "/bin/bash", "-c", "--" }, cluster.Head.Command);
            Assert.Equal(
                new[] { " echo 123  456  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 " },
                cluster.Head.GetArgs());
            Assert.Equal(
                "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ",
                cluster.Head.GetRayStartCommand());
            Assert.Equal("5368709120", cluster.Head.RayStartParams["memory"]);
        }

        [Fact]
        public void CatalogIsOrderedBySourcePathThenDocumentIndex()
        {
            string two = RayCluster("b-first", Group("")) + "---\n" + RayCluster("a-second", Group(""));
            GeneratorRun run = GeneratorHarness.Run(new[] { ("/project/z.yaml", RayCluster("z", Group(""))), ("/project/a.yaml", two) });
            Assert.Equal(new[] { "b-first", "a-second", "z" }, GeneratedAssembly.LoadCatalog(run.Output).Select(c => c.Name));
        }

        [Fact]
        public void WorkerAddressNeedsNamespaceWhenTheManifestHasNone()
        {
            GeneratorRun run = GeneratorHarness.Run(SampleFiles());
            RayGroupInfo worker = GeneratedAssembly.LoadCatalog(run.Output).Single(c => c.Name == "raycluster-kuberay").WorkerGroups.Single();

            var missing = Assert.Throws<InvalidOperationException>(() => worker.GetArgs());
            Assert.Contains("namespace", missing.Message);
            Assert.False(worker.RayStartParams.ContainsKey("address"));
            Assert.Equal(
                "ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start  --address=raycluster-kuberay-head-svc.default.svc.cluster.local:6379  --block  --dashboard-agent-listen-port=52365  --memory=1073741824  --metrics-export-port=8080  --num-cpus=1 ",
                worker.GetArgs(@namespace: "default").Single());
            Assert.Contains("--address=other-head-svc.prod.svc", worker.GetRayStartCommand("other", "prod"));
            Assert.Throws<ArgumentException>(() => worker.GetArgs(@namespace: "Bad_Namespace"));
            Assert.Throws<ArgumentException>(() => worker.GetArgs("x; rm -rf /", "default"));
        }

        [Fact]
        public void RayJobClusterNameIsOnlyKnownAtDeployTime()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: job\n  namespace: team\nspec:\n  entrypoint: python x.py\n  rayClusterSpec:\n    headGroupSpec:\n"
                + Indent(Group(""), 6) + "    workerGroupSpecs:\n" + Indent(Worker("w", Group("")), 4);
            RayClusterInfo cluster = GeneratedAssembly.LoadCatalog(GeneratorHarness.Run(yaml).Output).Single();
            Assert.Equal("RayJob", cluster.Kind);
            Assert.Equal("team", cluster.Namespace);
            Assert.Null(cluster.ClusterName);
            Assert.NotEmpty(cluster.Head.GetArgs());
            var missing = Assert.Throws<InvalidOperationException>(() => cluster.WorkerGroups[0].GetArgs());
            Assert.Contains("clusterName", missing.Message);
            Assert.Contains(" --address=job-x7k2p-head-svc.team.svc.cluster.local:6379 ", cluster.WorkerGroups[0].GetArgs("job-x7k2p").Single());
        }

        [Fact]
        public void RayJobSelectingAnExistingClusterGeneratesNothing()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: job\nspec:\n  entrypoint: python x.py\n  clusterSelector:\n    ray.io/cluster: existing\n";
            GeneratorRun run = GeneratorHarness.Run(yaml);
            Assert.Empty(run.CompilationErrors);
            Assert.Empty(GeneratedAssembly.LoadCatalog(run.Output));
        }

        [Fact]
        public void UserCodeReadsClustersByName()
        {
            string yaml = RayCluster("raycluster-head-command", Group(""), Worker("small-group", Group("")) + Worker("Head", Group("")) + Worker("info", Group("")));
            GeneratorRun run = GeneratorHarness.Run(yaml);
            var usage = CSharpSyntaxTree.ParseText(
                "static class Use { public static object[] Get() => new object[] { RayGen.Generated.RayClusters.RayclusterHeadCommand.Head, " +
                "RayGen.Generated.RayClusters.RayclusterHeadCommand.SmallGroup, RayGen.Generated.RayClusters.RayclusterHeadCommand.Head2, " +
                "RayGen.Generated.RayClusters.RayclusterHeadCommand.Info2 }; }",
                new CSharpParseOptions(LanguageVersion.Latest));
            Compilation compilation = run.Output.AddSyntaxTrees(usage);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        }

        [Theory]
        [InlineData("all", "All2")]
        [InlineData("ray-clusters", "RayClusters2")]
        [InlineData("2fast", "Cluster2fast")]
        [InlineData("class", "Class")]
        [InlineData("---", "Cluster")]
        public void ClusterNamesAreAlwaysValidIdentifiers(string name, string identifier)
        {
            GeneratorRun run = GeneratorHarness.Run(RayCluster(name, Group("")));
            Assert.Empty(run.CompilationErrors);
            Assert.Contains($"public static partial class {identifier}\n", run.Sources.Single(s => s.HintName != "RayClusters.g.cs").SourceText.ToString());
        }

        [Fact]
        public void CollidingNamesGetDeterministicSuffixes()
        {
            var files = new[] { ("/project/b.yaml", RayCluster("my-cluster", Group(""))), ("/project/a.yaml", RayCluster("my.cluster", Group(""))) };
            GeneratorRun run = GeneratorHarness.Run(files);
            Assert.Empty(run.CompilationErrors);
            string a = run.Sources.Single(s => s.HintName.Contains("AYaml")).SourceText.ToString();
            string b = run.Sources.Single(s => s.HintName.Contains("BYaml")).SourceText.ToString();
            Assert.Contains("class MyCluster\n", a);
            Assert.Contains("class MyCluster2\n", b);
        }

        [Fact]
        public void Csharp73ConsumersCompile()
        {
            GeneratorRun run = GeneratorHarness.Run(SampleFiles().Select(f => (f.Item1, f.Item2)), language: LanguageVersion.CSharp7_3);
            Assert.Empty(run.CompilationErrors);
        }

        [Fact]
        public void GeneratedClassesAreInternalUnlessRayGenPublic()
        {
            string yaml = RayCluster("c", Group(""));
            Assert.Contains("internal static partial class RayClusters", GeneratorHarness.Run(yaml).Sources[0].SourceText.ToString());
            GeneratorRun run = GeneratorHarness.Run(yaml, new Dictionary<string, string> { ["RayGenPublic"] = "true", ["RayGenNamespace"] = "Contoso.Ray" });
            Assert.All(run.Sources, s => Assert.Contains("public static partial class RayClusters", s.SourceText.ToString()));
            Assert.Single(GeneratedAssembly.LoadCatalog(run.Output, "Contoso.Ray"));
        }

        [Theory]
        [InlineData("RayGenKubeRayVersion", "9.9")]
        [InlineData("RayGenNamespace", "Not A Namespace")]
        public void InvalidSettingsGenerateNoClusters(string property, string value)
        {
            GeneratorRun run = GeneratorHarness.Run(RayCluster("c", Group("")), new Dictionary<string, string> { [property] = value });
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("class C\n"));
        }

        [Fact]
        public void VersionSettingAndPerFileMetadata()
        {
            var files = new[] { ("/project/a.yaml", RayCluster("a", Group(""))), ("/project/b.yaml", RayCluster("b", Group(""))) };
            var metadata = new Dictionary<string, Dictionary<string, string>> { ["/project/b.yaml"] = new() { ["KubeRayVersion"] = "v1.3.2" } };
            GeneratorRun run = GeneratorHarness.Run(files, new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.5" }, metadata: metadata);
            var all = GeneratedAssembly.LoadCatalog(run.Output);
            Assert.Equal(new[] { "1.5.0", "1.3.0" }, all.Select(c => c.KubeRayVersion));
            Assert.Equal("-lc", all[1].Head.Command[1]);
        }

        [Fact]
        public void RayGenFalseMetadataSkipsTheFile()
        {
            var files = new[] { ("/project/a.yaml", RayCluster("a", Group(""))) };
            var metadata = new Dictionary<string, Dictionary<string, string>> { ["/project/a.yaml"] = new() { ["RayGen"] = "false" } };
            Assert.Empty(GeneratedAssembly.LoadCatalog(GeneratorHarness.Run(files, metadata: metadata).Output));
        }

        [Fact]
        public void OutputIsByteIdenticalAcrossCulturesLineEndingsAndFileOrder()
        {
            // The samples and, where present, the whole KubeRay corpus.
            (string Path, string Text)[] files = SampleFiles().Concat(Directory.Exists(RepoPaths.Corpus) ? KubeRaySamplesTests.CorpusFiles() : Array.Empty<(string, string)>()).ToArray();
            string[] Snapshot(IEnumerable<(string Path, string Text)> input) =>
                GeneratorHarness.Run(input).Sources
                    .OrderBy(s => s.HintName, StringComparer.Ordinal)
                    .Select(s => s.HintName + " " + Convert.ToHexString(s.SourceText.GetChecksum().ToArray()) + "\n" + s.SourceText)
                    .ToArray();

            string[] expected = null!;
            CultureScope.Run("", () => expected = Snapshot(files));
            Assert.True(expected.Length > 2);

            var random = new Random(42);
            (string Path, string Text)[] crlf = files.Select(f => (f.Path, f.Text.Replace("\r\n", "\n").Replace("\n", "\r\n"))).ToArray();
            Assert.Equal(expected, Snapshot(files.Reverse()));
            Assert.Equal(expected, Snapshot(files.OrderBy(_ => random.Next())));
            CultureScope.Run("", () => Assert.Equal(expected, Snapshot(crlf)));
            CultureScope.Run("tr-TR", () =>
            {
                Assert.Equal(expected, Snapshot(files));
                Assert.Equal(expected, Snapshot(crlf.OrderBy(_ => random.Next())));
            });
        }
    }
}
