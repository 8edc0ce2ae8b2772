using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers
{
    /// <summary>Located diagnostics for input RayGen cannot use (rules.md §I, RAY0030, RAY0102).</summary>
    public class InfrastructureRuleTests
    {
        private static string[] Ids(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(d => d.Id).ToArray();

        private static (int Line, int Column, int EndLine, int EndColumn) Span(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
        }

        [Fact]
        public void ValidManifestHasNoDiagnostics()
        {
            Assert.Empty(GeneratorHarness.Analyze(RayCluster("c", Group(Resources("1", "1Gi")), Worker("w", Group("")))));
        }

        [Fact]
        public void SyntaxErrorIsLocatedAndTheBuildGoesOn()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: [unclosed\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0191", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal("/project/ray/cluster.yaml", diagnostic.Location.GetLineSpan().Path);

            GeneratorRun run = GeneratorHarness.Run(yaml);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationErrors);
        }

        [Fact]
        public void ListWhereAMapBelongsIsRay0191AtTheNode()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n  - not a map\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0191", diagnostic.Id);
            Assert.Equal(7, Span(diagnostic).Line);
            Assert.Equal(3, Span(diagnostic).Column);
            Assert.Contains("'headGroupSpec' to be a map", diagnostic.GetMessage());
        }

        [Fact]
        public void MissingTemplateIsRay0191AtTheGroupKey()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0191", diagnostic.Id);
            Assert.Contains("'template' is missing", diagnostic.GetMessage());
        }

        [Fact]
        public void NonStringRayStartParamsAreRay0030OnEachValue()
        {
            string yaml = RayCluster("c", Group("", rayStartParams: "\n  num-cpus: 0\n  block: true\n  disable-usage-stats: yes\n  dashboard-host: 0.0.0.0\n  port: \"6379\""));
            var diagnostics = GeneratorHarness.Analyze(yaml);
            Assert.Equal(new[] { "RAY0030", "RAY0030", "RAY0030" }, Ids(diagnostics));
            Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
            Assert.Equal((9, 17, 9, 18), Span(diagnostics[0]));
            Assert.Contains("'num-cpus' is an integer (0)", diagnostics[0].GetMessage());
            Assert.Contains("'disable-usage-stats' is a boolean (yes)", diagnostics[2].GetMessage());
        }

        [Fact]
        public void EmptyContainersIsRay0102()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    template:\n      spec:\n        containers: []\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0102", diagnostic.Id);
            Assert.Equal((9, 21, 9, 23), Span(diagnostic));
        }

        [Fact]
        public void HelmTemplateIsRay0190Once()
        {
            string yaml = "{{- if .Values.enabled }}\napiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: {{ .Values.name }}\n{{- end }}\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0190", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Theory]
        [InlineData("RayCluster", DiagnosticSeverity.Warning)]
        [InlineData("RayCronJob", DiagnosticSeverity.Error)]
        public void V1alpha1IsDeprecatedOrRejected(string kind, DiagnosticSeverity severity)
        {
            string yaml = "apiVersion: ray.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: c\nspec: {}\n";
            Diagnostic diagnostic = GeneratorHarness.Analyze(yaml).Single(d => d.Id == "RAY0192");
            Assert.Equal(severity, diagnostic.Severity);
            Assert.Equal((1, 13, 1, 28), Span(diagnostic));
        }

        [Fact]
        public void UnknownVersionAndBadNamespaceAreRay0193()
        {
            var diagnostics = GeneratorHarness.Analyze(
                new[] { ("/project/a.yaml", RayCluster("c", Group(""))) },
                new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.7.0-rc.0", ["RayGenNamespace"] = "1Bad", ["RayGenPublic"] = "maybe" });
            Assert.Equal(new[] { "RAY0193", "RAY0193", "RAY0193" }, Ids(diagnostics));
            Assert.All(diagnostics, d => Assert.Equal(Location.None, d.Location));
            Assert.Contains(diagnostics, d => d.GetMessage().Contains("'1.7.0-rc.0'") && d.GetMessage().Contains("1.7, 1.6"));
        }

        [Fact]
        public void UnknownVersionMetadataIsRay0193OnTheFile()
        {
            var metadata = new Dictionary<string, Dictionary<string, string>> { ["/project/a.yaml"] = new() { ["KubeRayVersion"] = "2.0" } };
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(new[] { ("/project/a.yaml", RayCluster("c", Group(""))) }, metadata: metadata));
            Assert.Equal("RAY0193", diagnostic.Id);
            Assert.Equal("/project/a.yaml", diagnostic.Location.GetLineSpan().Path);
        }

        [Fact]
        public void NameCollisionsAreRay0194OnTheLaterName()
        {
            var files = new[] { ("/project/a.yaml", RayCluster("my-cluster", Group(""))), ("/project/b.yaml", RayCluster("my.cluster", Group(""), Worker("g-1", Group("")) + Worker("g.1", Group("")))) };
            var diagnostics = GeneratorHarness.Analyze(files);
            Assert.Equal(new[] { "RAY0194", "RAY0194" }, Ids(diagnostics));
            Assert.All(diagnostics, d => Assert.Equal("/project/b.yaml", d.Location.GetLineSpan().Path));
            Assert.Contains(diagnostics, d => d.GetMessage() == "RayCluster 'my.cluster' maps to the C# name 'MyCluster', which is already taken; it is generated as 'MyCluster2'");
            Assert.Contains(diagnostics, d => d.GetMessage() == "Worker group 'g.1' maps to the C# name 'G1', which is already taken; it is generated as 'G12'");
        }

        [Fact]
        public void RayGenFalseFilesAreNotAnalyzed()
        {
            var metadata = new Dictionary<string, Dictionary<string, string>> { ["/project/a.yaml"] = new() { ["RayGen"] = "false" } };
            Assert.Empty(GeneratorHarness.Analyze(new[] { ("/project/a.yaml", "key: [unclosed") }, metadata: metadata));
        }

        [Theory]
        [InlineData("ray.io/v1", "1.3", "rayStartParams: null", true)]
        [InlineData("ray.io/v1", "1.3", "", true)]
        [InlineData("ray.io/v1", "1.4", "rayStartParams: null", false)]
        [InlineData("ray.io/v1", "1.7", "", false)]
        [InlineData("ray.io/v1alpha1", "1.7", "rayStartParams:", true)]
        [InlineData("ray.io/v1", "1.3", "rayStartParams: {}", false)]
        public void NullOrMissingRayStartParamsWhereRequiredIsRay0030(string apiVersion, string version, string line, bool expected)
        {
            string yaml = $"apiVersion: {apiVersion}\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    {line}\n    template:\n      spec:\n        containers:\n        - name: ray\n";
            var diagnostics = GeneratorHarness.Analyze(new[] { ("/project/a.yaml", yaml) }, new Dictionary<string, string> { ["RayGenKubeRayVersion"] = version })
                .Where(d => d.Id == "RAY0030").ToArray();
            Assert.Equal(expected ? 1 : 0, diagnostics.Length);
            if (expected)
            {
                Assert.Equal(line.Length == 0 ? 6 : 7, Span(diagnostics[0]).Line);
                Assert.Contains("write 'rayStartParams: {}'", diagnostics[0].GetMessage());
            }
        }

        [Fact]
        public void NonStringCommandItemIsRay0191ButStillGenerates()
        {
            string yaml = RayCluster("c", Group("command: [echo, 1]\n"));
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0191", diagnostic.Id);
            Assert.Contains("must be strings, found an integer '1'", diagnostic.GetMessage());
            RayClusterInfo cluster = GeneratedAssembly.LoadCatalog(GeneratorHarness.Run(yaml).Output).Single();
            Assert.StartsWith(" echo  1  && ulimit", cluster.Head.GetArgs().Single());
        }

        [Fact]
        public void BudgetMessageSaysWhatWasSkipped()
        {
            string yaml = "a: " + new string('[', 300) + new string(']', 300) + "\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml));
            Assert.Equal("RAY0195", diagnostic.Id);
            Assert.Equal("YAML nesting is deeper than the limit of 200 levels; the document was not read. Later documents of the file are skipped too (limits: docs/limits.md).", diagnostic.GetMessage());
        }
    }
}
