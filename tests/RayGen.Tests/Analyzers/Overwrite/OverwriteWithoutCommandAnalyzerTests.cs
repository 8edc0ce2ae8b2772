using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class OverwriteWithoutCommandAnalyzerTests
    {
        private const string Id = "RAY0023";

        private static string Annotated(string image) =>
            "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\n  annotations:\n    ray.io/overwrite-container-cmd: {|RAY0023:\"true\"|}\n"
            + "spec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n        - name: ray-head\n          image: " + image + "\n";

        [Fact]
        public void RayImageIsAnError()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, Annotated("rayproject/ray:2.52.0")));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            var name = Assert.Single(d.AdditionalLocations);
            Assert.Equal(12, name.GetLineSpan().StartLinePosition.Line); // "- name: ray-head"
        }

        [Fact]
        public void OtherImagesWarn()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, Annotated("example.com/my-ray:1")));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        }

        [Fact]
        public void TemplateAnnotationCountsForItsGroup()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group("", templateMetadata: "annotations:\n  ray.io/overwrite-container-cmd: {|RAY0023:\"True\"|}\n")));
        }

        [Fact]
        public void FixedExample()
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript("\"ulimit -n 65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\""));
        }

        [Fact]
        public void BeforeKubeRay110TheAnnotationIsIgnored()
        {
            var yaml = OverwriteCluster("");
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Version("1.0.0"));
            Assert.DoesNotContain(diagnostics, d => d.Id == Id);
            Assert.Contains(diagnostics, d => d.Id == "RAY0028");
        }

        [Fact]
        public void OnlyArgsIsEnough()
        {
            RuleVerifier.VerifyNone(Id, OverwriteCluster("args: [\"ulimit -n 65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]"), allowed: new[] { "RAY0024" });
        }
    }
}
