using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers
{
    /// <summary>RAY0197: a feature is on whose pod parts (beyond env) the generated pod factory cannot produce.</summary>
    public class PodFactoryOmitsFeatureAnalyzerTests
    {
        private const string Id = "RAY0197";

        private static readonly Dictionary<string, string> GatesOn = new() { ["RayGenFeatureGates"] = "RayClusterMTLS, RayClusterHistoryServer" };

        private static string Cluster(string specExtra) =>
            RayCluster("c", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"))), metadataExtra: "namespace: ns\n", specExtra: specExtra);

        [Fact]
        public void EachFeatureIsReportedAtTheKeyThatTurnsItOn()
        {
            string markup = Cluster(
                "tlsOptions:\n  {|RAY0197:enabled|}: true\n"
                + "historyServerOptions:\n  {|RAY0197:collectorOptions|}:\n    image: quay.io/kuberay/collector:nightly\n"
                + "authOptions: {mode: token, {|RAY0197:enableK8sTokenAuth|}: true}\n");
            IReadOnlyList<Diagnostic> found = RuleVerifier.Verify(Id, markup, GatesOn, kubernetes: true);
            Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
            Assert.Equal(
                new[]
                {
                    "'tlsOptions.enabled' with the RayClusterMTLS feature gate turns on mutual TLS: KubeRay then also adds the 'wait-for-tls-ip-san' init container and the volumes and mounts of the TLS certificates, which the generated pod factory omits (it adds only the env vars); add them yourself to pods you create from the factory",
                    "'historyServerOptions.collectorOptions' with the RayClusterHistoryServer feature gate turns on the history server collector: KubeRay then also adds the collector sidecar container and what it mounts, which the generated pod factory omits (it adds only the env vars); add them yourself to pods you create from the factory",
                    "'authOptions.enableK8sTokenAuth' turns on Kubernetes token authentication: KubeRay then also adds the 'ray-token' volume and its read-only mount at /var/run/secrets/ray.io/serviceaccount, which the generated pod factory omits (it adds only the env vars); add them yourself to pods you create from the factory",
                },
                found.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void YamlOneOneBooleansAndEmbeddedClustersAreFound()
        {
            // "yes" is true for Kubernetes (YAML 1.1); a RayJob embeds its cluster under spec.rayClusterSpec.
            string markup = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: job\nspec:\n  entrypoint: python x.py\n  rayClusterSpec:\n"
                + Indent(Cluster("tlsOptions: {{|RAY0197:enabled|}: yes}\nhistoryServerOptions: {{|RAY0197:collectorOptions|}: {}}\n").Split("spec:\n", 2)[1], 2);
            RuleVerifier.Verify(Id, markup, GatesOn, kubernetes: true);
        }

        [Fact]
        public void OneGateReportsOnlyItsFeature()
        {
            string markup = Cluster("tlsOptions: {{|RAY0197:enabled|}: true}\nhistoryServerOptions: {collectorOptions: {image: c}}\n");
            RuleVerifier.Verify(Id, markup, new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS" }, kubernetes: true);
        }

        [Fact]
        public void GatesOffIsSilent()
        {
            string yaml = Cluster("tlsOptions: {enabled: true}\nhistoryServerOptions: {collectorOptions: {image: c}}\n");
            RuleVerifier.VerifyNone(Id, yaml, null, kubernetes: true);
            RuleVerifier.VerifyNone(Id, yaml, new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS=false,RayClusterHistoryServer=false" }, kubernetes: true);
        }

        [Theory]
        [InlineData("tlsOptions: {enabled: false}\n")]
        [InlineData("tlsOptions: {enabled: no}\n")]
        [InlineData("tlsOptions: {}\n")]
        [InlineData("historyServerOptions: {}\n")]
        [InlineData("historyServerOptions: {collectorOptions: null}\n")]
        [InlineData("authOptions: {mode: token}\n")]
        [InlineData("authOptions: {mode: token, secretName: s}\n")]
        [InlineData("authOptions: {mode: token, enableK8sTokenAuth: false}\n")]
        [InlineData("authOptions: {mode: disabled, enableK8sTokenAuth: true}\n")]
        public void FeatureOffIsSilent(string specExtra)
        {
            RuleVerifier.VerifyNone(Id, Cluster(specExtra), GatesOn, kubernetes: true);
        }

        [Fact]
        public void WithoutKubernetesClientOrBeforeKubeRay17ThereIsNothingToOmit()
        {
            string yaml = Cluster("tlsOptions: {enabled: true}\nhistoryServerOptions: {collectorOptions: {image: c}}\nauthOptions: {mode: token, enableK8sTokenAuth: true}\n");
            RuleVerifier.VerifyNone(Id, yaml, GatesOn, kubernetes: false);
            RuleVerifier.VerifyNone(Id, yaml, new Dictionary<string, string>(GatesOn) { ["RayGenKubeRayVersion"] = "1.6" }, kubernetes: true);
        }

        [Fact]
        public void TheRulePageExampleReportsTheRule()
        {
            string page = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.Docs, "rules", Id + ".md"));
            string example = page[page.IndexOf("## Example", System.StringComparison.Ordinal)..];
            int start = example.IndexOf("```yaml\n", System.StringComparison.Ordinal) + "```yaml\n".Length;
            string yaml = example[start..example.IndexOf("```", start, System.StringComparison.Ordinal)];
            string markup = yaml.Replace("    enabled: true", "    {|RAY0197:enabled|}: true");
            RuleVerifier.Verify(Id, markup, new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS" }, kubernetes: true);
        }

        [Fact]
        public void ASuppressionCommentSilencesIt()
        {
            string yaml = Cluster("authOptions:\n  mode: token\n  # raygen-disable-next-line RAY0197\n  enableK8sTokenAuth: true\n");
            RuleVerifier.VerifyNone(Id, yaml, GatesOn, kubernetes: true);
        }
    }
}
