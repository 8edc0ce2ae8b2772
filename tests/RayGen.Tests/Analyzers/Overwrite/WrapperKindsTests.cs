using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    /// <summary>The rules of this branch on cluster specs embedded in RayJob, RayService and RayCronJob, and their version gates.</summary>
    public class WrapperKindsTests
    {
        private static string Wrap(string kind, string group, string? metadataExtra = null)
        {
            string meta = metadataExtra is null ? string.Empty : Indent(metadataExtra, 2);
            string head = "apiVersion: ray.io/v1\nkind: " + kind + "\nmetadata:\n  name: x\n" + meta + "spec:\n";
            return kind switch
            {
                "RayJob" => head + "  entrypoint: python x.py\n  rayClusterSpec:\n    headGroupSpec:\n" + Indent(group, 6),
                "RayService" => head + "  rayClusterConfig:\n    headGroupSpec:\n" + Indent(group, 6),
                _ => head + "  schedule: \"* * * * *\"\n  jobTemplate:\n    entrypoint: python x.py\n    rayClusterSpec:\n      headGroupSpec:\n" + Indent(group, 8),
            };
        }

        [Theory]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        public void ResourceAnnotationIsCopiedByRayJobAndRayService(string kind)
        {
            RuleVerifier.Verify("RAY0022", Wrap(kind, Group(BashC + "args: [\"ulimit -n 65536; {|RAY0022:ray start|} --head\"]"), Annotation));
            RuleVerifier.Verify("RAY0024", Wrap(kind, Group(BashC + "args: {|RAY0024:[\"ulimit -n 65536; echo head\"]|}"), Annotation));
            RuleVerifier.Verify("RAY0027", Wrap(kind, Group("args: [\"{|RAY0027:$KUBERAY_GEN_RAY_START_CMD|}\"]")));
        }

        [Fact]
        public void RayCronJobNeedsTheTemplateAnnotation()
        {
            string script = BashC + "args: [\"ulimit -n 65536; echo head\"]";
            RuleVerifier.VerifyNone("RAY0024", Wrap("RayCronJob", Group(script), Annotation), allowed: new[] { "RAY0006", "RAY0028" });
            RuleVerifier.Verify("RAY0024", Wrap("RayCronJob", Group(BashC + "args: {|RAY0024:[\"ulimit -n 65536; echo head\"]|}", templateMetadata: Annotation)));
        }

        [Theory]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void GeneratedModeRules(string kind)
        {
            RuleVerifier.Verify("RAY0006", Wrap(kind, Group("command: [\"sh\", \"-c\", {|RAY0006:\"echo hi\"|}]")));
            RuleVerifier.Verify("RAY0007", Wrap(kind, Group("args: [\"{|RAY0007:sleep|} infinity\"]")));
            RuleVerifier.Verify("RAY0009", Wrap(kind, Group("args: [\"{|RAY0009:conda|} activate x\"]")));
            RuleVerifier.Verify("RAY0020", Wrap(kind, Group("args: [\"echo {|RAY0020:ray start|}\"]")));
            RuleVerifier.Verify("RAY0021", Wrap(kind, Group("command: [\"ray\", {|RAY0021:\"start\"|}, \"--head\"]")));
        }

        [Theory]
        [InlineData("1.0.0", null)]
        [InlineData("1.1.0", DiagnosticSeverity.Error)]
        public void OverwriteRulesStartAt110(string version, DiagnosticSeverity? expected)
        {
            string yaml = OverwriteCluster(string.Empty);
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Version(version));
            Assert.Equal(expected, System.Linq.Enumerable.FirstOrDefault(diagnostics, d => d.Id == "RAY0023")?.Severity);
        }

        [Theory]
        [InlineData("1.0.0", DiagnosticSeverity.Info)]
        [InlineData("1.1.0", DiagnosticSeverity.Warning)]
        public void Ray0027Boundary(string version, DiagnosticSeverity expected)
        {
            string yaml = RayCluster("c", Group("args: [\"$KUBERAY_GEN_RAY_START_CMD\"]"));
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Version(version));
            Assert.Equal(expected, Assert.Single(diagnostics, d => d.Id == "RAY0027").Severity);
        }
        [Fact]
        public void TemplatedValuesAreLeftToRay0190()
        {
            string templated = OverwriteCluster(BashC + "args: [\"{{ .Values.startCommand }}\"]");
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, templated) });
            Assert.DoesNotContain(diagnostics, d => d.Id is "RAY0022" or "RAY0024" or "RAY0025" or "RAY0026");
            var generated = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, RayCluster("c", Group("command: [\"python\", \"{{ .Values.script }}\"]"))) });
            Assert.DoesNotContain(generated, d => d.Id == "RAY0006");
            string annotation = RayCluster("c", Group(""), metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"{{ .Values.overwrite }}\"\n");
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, annotation) }), d => d.Id == "RAY0028");
        }
    }
}
