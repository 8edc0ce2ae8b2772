using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class BlockForcedAnalyzerTests
    {
        private const string Id = "RAY0035";

        [Theory]
        [InlineData("false", "is ignored: KubeRay 1.7.0 always overwrites 'block'")]
        [InlineData("FALSE", "is ignored")]
        [InlineData("true", "is redundant")]
        [InlineData("yes", "is redundant")]
        public void Triggers(string value, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0035:block|}: \"" + value + "\"")));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Contains(expected, diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "{|RAY0035:block|}: \"false\"", worker: "{|RAY0035:block|}: \"false\"")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "num-cpus: \"1\""));
        }

        [Fact]
        public void VersionGate()
        {
            // Before 1.1.0 block was only added when missing: "false" really drops --block.
            RuleVerifier.VerifyNone(Id, Cluster(head: "block: \"false\""), KubeRayVersion("1.0.0"));
            RuleVerifier.Verify(Id, Cluster(head: "{|RAY0035:block|}: \"false\""), KubeRayVersion("1.1.0"));
        }

        [Fact]
        public void EveryModeReportsIt()
        {
            RuleVerifier.Verify(Id, Cluster(head: "{|RAY0035:block|}: \"false\"", headContainer: OwnStart));
        }

        [Fact]
        public void NonStringValueIsRay0030Only()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "block: true"), allowed: "RAY0030");
        }
    }
}
