using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class StartCommandWithoutOverwriteAnalyzerTests
    {
        private const string Id = "RAY0027";

        private const string Bad = "command: [\"/bin/bash\", \"-lc\", \"--\"]\nargs: [\"ulimit -n 65536; echo head; {|RAY0027:$KUBERAY_GEN_RAY_START_CMD|}\"]";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("demo", Group(Bad))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("only the first word", d.GetMessage());
            Assert.Single(d.AdditionalLocations);
        }

        [Fact]
        public void InfoBefore110()
        {
            var d = Assert.Single(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, RayCluster("demo", Group(Bad.Replace("{|RAY0027:", "").Replace("|}", "")))) }, Version("1.0.0")), x => x.Id == Id);
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            Assert.Contains("dead code", d.GetMessage());
        }

        [Theory]
        [InlineData("args: [\"ulimit -n 65536; eval \\\"{|RAY0027:$KUBERAY_GEN_RAY_START_CMD|}\\\"\"]")]
        [InlineData("args: [\"{|RAY0027:${KUBERAY_GEN_RAY_START_CMD}|}\"]")]
        public void OtherForms(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("demo", Group(container)));
        }

        [Fact]
        public void FixedExample()
        {
            RuleVerifier.VerifyNone(Id, OverwriteCluster(Bad.Replace("{|RAY0027:", "").Replace("|}", "")));
        }

        [Fact]
        public void AutoscalerVariableIsNotThisRule()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("demo", Group("args: [\"echo x; $KUBERAY_GEN_AUTOSCALER_START_CMD; $KUBERAY_GEN_RAY_START_CMD_X\"]")));
        }

        [Fact]
        public void RayCronJobPointsAtTheTemplate()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCronJob\nmetadata:\n  name: cj\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    entrypoint: python x.py\n    rayClusterSpec:\n      headGroupSpec:\n"
                + Indent(Group("args: [\"{|RAY0027:$KUBERAY_GEN_RAY_START_CMD|}\"]"), 8);
            var d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("pod templates", d.GetMessage());
        }
    }
}
