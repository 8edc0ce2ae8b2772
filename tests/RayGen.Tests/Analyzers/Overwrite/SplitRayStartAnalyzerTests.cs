using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class SplitRayStartAnalyzerTests
    {
        private const string Id = "RAY0021";

        [Fact]
        public void HeadWithoutBlockIsAnError()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("command: [\"ray\", {|RAY0021:\"start\"|}, \"--head\", \"--dashboard-host=0.0.0.0\"]"))));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("already running", d.GetMessage());
            Assert.Contains("Final args:  ray  start ", d.GetMessage());
        }

        [Fact]
        public void WorkerWithoutBlockWarns()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(""), Worker("w", Group("command: [\"/usr/local/bin/ray\"]\nargs: [{|RAY0021:start|}, \"--address=h:6379\"]")))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        }

        [Fact]
        public void WithBlockWarns()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("command: [\"pip install x; ray\", {|RAY0021:\"start --head --block\"|}]"))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("never runs", d.GetMessage());
        }

        [Fact]
        public void OverwriteModeIsNotReported()
        {
            RuleVerifier.VerifyNone(Id, OverwriteCluster("command: [\"ray\", \"start\", \"--head\", \"--block\"]"), allowed: "RAY0025");
        }

        [Fact]
        public void SuppressedModeIsNotReported()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"ray\", \"start\", \"--head\", \"--block\"]\nargs: [\"# ray start\"]")), allowed: new[] { "RAY0020", "RAY0025" });
        }

        [Fact]
        public void FixedExampleIsClean()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("", rayStartParams: "\n  dashboard-host: \"0.0.0.0\"")));
        }
    }
}
