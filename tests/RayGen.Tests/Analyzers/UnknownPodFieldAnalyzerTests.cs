using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers
{
    /// <summary>RAY0196: pod template keys the referenced KubernetesClient model has no property for.</summary>
    public class UnknownPodFieldAnalyzerTests
    {
        private static (int Line, int Column, int EndLine, int EndColumn) Span(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            return (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
        }

        private static readonly string Typos = RayCluster(
            "c",
            Group(Resources("1", "1Gi") + "lifecyle:\n  preStop: {exec: {command: [ray, stop]}}\n", extra: null) + "    contaniers: []\n",
            Worker("w", Group("env:\n- name: A\n  valu: x\nvolumeMounts: [{name: v, mountPth: /v}]\n")));

        [Fact]
        public void ValidTemplatesHaveNoFinding()
        {
            Assert.Empty(GeneratorHarness.Analyze(RayCluster("c", Group(Resources("1", "1Gi") + "lifecycle:\n  preStop: {exec: {command: [ray, stop]}}\n"), Worker("w", Group(""))), kubernetes: true));
        }

        [Fact]
        public void WithoutKubernetesClientTheRuleIsSilent()
        {
            Assert.DoesNotContain(GeneratorHarness.Analyze(Typos), d => d.Id == "RAY0196");
        }

        [Fact]
        public void EachUnknownKeyIsReportedAtTheKey()
        {
            Diagnostic[] found = GeneratorHarness.Analyze(Typos, kubernetes: true).Where(d => d.Id == "RAY0196").ToArray();
            Assert.Equal(
                new[]
                {
                    ((18, 11, 18, 19), "'lifecyle' is not a field of V1Container"),
                    ((20, 9, 20, 19), "'contaniers' is not a field of V1PodSpec"),
                    ((31, 13, 31, 17), "'valu' is not a field of V1EnvVar"),
                    ((32, 36, 32, 44), "'mountPth' is not a field of V1VolumeMount"),
                },
                found.Select(d => (Span(d), d.GetMessage().Split(" in the referenced")[0])));
            Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
            // The span is exactly the key's text.
            string[] lines = Typos.Split('\n');
            Assert.Equal(new[] { "lifecyle", "contaniers", "valu", "mountPth" }, found.Select(d => lines[Span(d).Line - 1][(Span(d).Column - 1)..(Span(d).EndColumn - 1)]));
        }

        [Fact]
        public void UnknownKeysInRayJobAndRayServiceTemplatesAreFoundToo()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: s\nspec:\n  rayClusterConfig:\n    headGroupSpec:\n      template:\n        spec:\n          containers: [{name: ray, imagee: x}]\n";
            Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(yaml, kubernetes: true), d => d.Id == "RAY0196");
            Assert.Equal((10, 36, 10, 42), Span(diagnostic));
        }

        [Fact]
        public void ASuppressionCommentSilencesOneKey()
        {
            string yaml = Typos.Replace("    contaniers: []\n", "    # raygen-disable-next-line RAY0196\n    contaniers: []\n");
            string[] keys = GeneratorHarness.Analyze(yaml, kubernetes: true).Where(d => d.Id == "RAY0196").Select(d => d.GetMessage().Split('\'')[1]).ToArray();
            Assert.Equal(new[] { "lifecyle", "valu", "mountPth" }, keys);
        }

        [Fact]
        public void TheFactoryLeavesUnknownFieldsOut()
        {
            GeneratorRun run = GeneratorHarness.Run(Typos, kubernetes: true);
            Assert.Empty(run.CompilationErrors);
            Assembly assembly = GeneratedAssembly.Load(run.Output);
            RayClusterInfo cluster = PodFactories.Catalog(assembly).Single();
            System.Type type = PodFactories.ClusterClass(assembly, cluster);
            JsonNode head = PodFactories.Json(PodFactories.Call(type, "CreateHeadPodTemplate", new Pods.DeployValues("c", "ns")));
            Assert.Null(head["spec"]!["containers"]![0]!["lifecyle"]);
            Assert.Null(head["spec"]!["containers"]![0]!["lifecycle"]);
            Assert.Single(head["spec"]!["containers"]!.AsArray());
            JsonNode worker = PodFactories.Json(PodFactories.Call(type, "CreateWPodTemplate", new Pods.DeployValues("c", "ns")));
            Assert.Equal("""{"name":"A"}""", worker["spec"]!["containers"]![0]!["env"]![0]!.ToJsonString());
        }
    }
}
