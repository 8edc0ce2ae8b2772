using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class NodeTypeParamAnalyzerTests
    {
        private const string Id = "RAY0038";

        [Fact]
        public void BadSnippet()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(worker: "{|RAY0038:temp-dir|}: /data/ray")));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Contains("'temp-dir' has no effect on worker group 'w'", diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKind(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "{|RAY0038:address|}: \"redis:6379\"", worker: "{|RAY0038:temp-dir|}: /data/ray")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "temp-dir: /data/ray", worker: "num-cpus: \"1\""));
        }

        [Theory]
        [InlineData("dashboard-host: \"0.0.0.0\"")]
        [InlineData("dashboard-port: \"8265\"")]
        [InlineData("include-dashboard: \"false\"")]
        [InlineData("port: \"6380\"")]
        [InlineData("autoscaling-config: /a.yaml")]
        [InlineData("ray-client-server-port: \"10001\"")]
        [InlineData("redis-shard-ports: \"6380,6381\"")]
        public void HeadOnlyOptionsOnWorkers(string line)
        {
            string key = line.Substring(0, line.IndexOf(':'));
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(worker: "{|RAY0038:" + key + "|}" + line.Substring(key.Length))));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Fact]
        public void AddressOnTheHeadIsAWarning()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "{|RAY0038:address|}: \"redis:6379\"")));
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains("external Redis", diagnostic.GetMessage());
        }

        [Fact]
        public void WorkerAddressIsRay0039NotRay0038()
        {
            RuleVerifier.VerifyNone(Id, Cluster(worker: "address: \"c-head-svc:6379\""));
        }
    }
}
