using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class HardCodedAddressAnalyzerTests
    {
        private const string Id = "RAY0039";

        [Theory]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInGeneratedClusters(string kind)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Document(kind, Spec(worker: "address: {|RAY0039:\"raycluster-head-svc:6379\"|}"))));
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains("creates its RayCluster with a generated name", diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Document("RayJob", Spec(worker: "num-cpus: \"1\"")));
        }

        [Theory]
        [InlineData("address: {|RAY0039:\"other-head-svc:6379\"|}", "is not the head Service 'c-head-svc'")]
        [InlineData("address: {|RAY0039:\"c-head-svc:6380\"|}", "port 6380 is not the head's GCS port 6379")]
        [InlineData("address: {|RAY0039:\"c-head-svc\"|}", "it has no port")]
        [InlineData("address: {|RAY0039:\"c-head-svc.ns2:6379\"|}", "is not the head Service")]
        [InlineData("address: {|RAY0039:\"$FQ_RAY_IP:6380\"|}", "uses port 6380, but the head's GCS port is 6379")]
        [InlineData("address: {|RAY0039:\"10.0.0.5:6379\"|}", "is not the head Service")]
        public void RayClusterChecksServiceAndPort(string line, string expected)
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(worker: line, metadataExtra: "namespace: ns1\n")));
            Assert.Contains(expected, diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("c-head-svc:6379")]
        [InlineData("c-head-svc.ns1:6379")]
        [InlineData("c-head-svc.ns1.svc:6379")]
        [InlineData("c-head-svc.ns1.svc.cluster.local:6379")]
        [InlineData("$FQ_RAY_IP:6379")]
        [InlineData("${FQ_RAY_IP}:6379")]
        [InlineData("$(FQ_RAY_IP):6379")]
        [InlineData("$RAY_IP:6379")]
        public void RayClusterFormsThatResolve(string value)
        {
            RuleVerifier.VerifyNone(Id, Cluster(worker: "address: \"" + value + "\"", metadataExtra: "namespace: ns1\n"));
        }

        [Fact]
        public void WithoutANamespaceAnyNamespaceIsAccepted()
        {
            RuleVerifier.VerifyNone(Id, Cluster(worker: "address: \"c-head-svc.team-a.svc.cluster.local:6379\""));
        }

        [Fact]
        public void HeadPortComesFromTheHeadGroup()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "port: \"6380\"", worker: "address: \"$FQ_RAY_IP:6380\""));
            RuleVerifier.Verify(Id, Cluster(head: "port: \"6380\"", worker: "address: {|RAY0039:\"c-head-svc:6379\"|}"));
        }

        [Fact]
        public void VariablesInRayJobsAreFine()
        {
            RuleVerifier.VerifyNone(Id, Document("RayJob", Spec(worker: "address: \"$FQ_RAY_IP:6379\"")));
        }

        [Fact]
        public void CustomHeadServiceNameIsKnownEvenInARayJob()
        {
            string headService = "headService:\n  metadata:\n    name: my-svc";
            RuleVerifier.VerifyNone(Id, Document("RayJob", Spec(worker: "address: \"my-svc:6379\"", headExtra: headService)));
            RuleVerifier.Verify(Id, Document("RayJob", Spec(worker: "address: {|RAY0039:\"c-head-svc:6379\"|}", headExtra: headService)));
        }

        [Fact]
        public void HeadAddressIsRay0038()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "address: \"redis:6379\""), allowed: "RAY0038");
        }
    }
}
