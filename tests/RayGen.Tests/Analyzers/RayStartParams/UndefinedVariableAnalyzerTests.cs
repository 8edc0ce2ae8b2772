using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.RayStartParams.ParamManifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    public class UndefinedVariableAnalyzerTests
    {
        private const string Id = "RAY0037";

        private const string PodIpEnv = "env:\n- name: MY_POD_IP\n  valueFrom: {fieldRef: {fieldPath: status.podIP}}";

        [Fact]
        public void BadSnippet()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "node-ip-address: {|RAY0037:$MY_POD_IP|}")));
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Contains("ray start receives '--node-ip-address=' (an empty --node-ip-address crashes ray start, kuberay#805)", diagnostic.GetMessage());
            Assert.Contains("Final args: ", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("RayCluster")]
        [InlineData("RayJob")]
        [InlineData("RayService")]
        [InlineData("RayCronJob")]
        public void BadSnippetInEveryKindAndGroup(string kind)
        {
            RuleVerifier.Verify(Id, Document(kind, Spec(head: "node-ip-address: {|RAY0037:$MY_POD_IP|}", worker: "node-ip-address: {|RAY0037:$MY_POD_IP|}")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: "node-ip-address: $MY_POD_IP", headContainer: PodIpEnv));
        }

        [Theory]
        [InlineData("node-ip-address: \"{|RAY0037:${MY_POD_IP}|}\"")]
        [InlineData("node-name: \"n-{|RAY0037:$SUFFIX|}-x\"")]
        [InlineData("node-name: '\"{|RAY0037:$SUFFIX|}\"'")]
        [InlineData("node-name: \"{|RAY0037:${SUFFIX%%.*}|}\"")]
        [InlineData("node-ip-address: {|RAY0037:$FQ_RAY_IP|}")]                  // workers only
        public void Triggers(string line)
        {
            RuleVerifier.Verify(Id, Cluster(head: line));
        }

        [Fact]
        public void GatedTlsAndHistoryEnvIsDefined()
        {
            // §7.1 items 5 and 19 are env on the Ray container, so a param may use them when the gate is on; the
            // collector env comes only from the env builder, so without its gate it is undefined.
            string spec = Spec(head: "node-name: \"n-$RAY_USE_TLS-$RAY_enable_ray_event\"", specExtra: "tlsOptions: {enabled: true}\nhistoryServerOptions: {collectorOptions: {}}");
            RuleVerifier.VerifyNone(Id, Document("RayCluster", spec), new System.Collections.Generic.Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS,RayClusterHistoryServer" });
            RuleVerifier.Verify(Id, Document("RayCluster", spec.Replace("$RAY_enable_ray_event", "{|RAY0037:$RAY_enable_ray_event|}")), new System.Collections.Generic.Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS" });
        }

        [Fact]
        public void KubeletReferenceRunsAsACommand()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "node-ip-address: \"{|RAY0037:$(MY_POD_IP)|}\"")));
            Assert.Contains("the kubelet leaves '$(MY_POD_IP)' as it is and bash runs 'MY_POD_IP' as a command substitution", diagnostic.GetMessage());
            RuleVerifier.VerifyNone(Id, Cluster(head: "node-ip-address: \"$(MY_POD_IP)\"", headContainer: PodIpEnv));
        }

        [Fact]
        public void KubeletTurnsDoubleDollarIntoOne()
        {
            // $$MY_X reaches bash as $MY_X; $$(hostname) reaches it as the command substitution $(hostname).
            RuleVerifier.Verify(Id, Cluster(head: "node-name: \"n-{|RAY0037:$$MY_X|}\""));
            RuleVerifier.VerifyNone(Id, Cluster(head: "node-name: \"$$(hostname)\""));
            RuleVerifier.VerifyNone(Id, Cluster(head: "node-name: \"$$(MY_X)\""));
        }

        [Fact]
        public void BlockScalarPointsAtTheWholeScalar()
        {
            RuleVerifier.Verify(Id, Cluster(head: "node-name: {|RAY0037:>-\n  n-$SUFFIX|}"));
        }

        [Theory]
        [InlineData("node-ip-address: \"${MY_POD_IP:-127.0.0.1}\"")]
        [InlineData("node-ip-address: \"${MY_POD_IP-127.0.0.1}\"")]
        [InlineData("node-ip-address: \"${MY_POD_IP:=127.0.0.1}\"")]
        [InlineData("node-ip-address: \"$(hostname -i)\"")]
        [InlineData("node-name: \"$(hostname)\"")]
        [InlineData("node-name: $HOSTNAME")]
        [InlineData("temp-dir: $HOME/ray")]
        [InlineData("node-name: \"$KUBERNETES_SERVICE_HOST\"")]
        [InlineData("node-name: \"$REDIS_SERVICE_HOST\"")]
        [InlineData("node-name: \"$RAY_CLUSTER_NAME-$RAY_NODE_TYPE_NAME\"")]
        [InlineData("node-name: \"$RAY_CLOUD_INSTANCE_ID\"")]
        [InlineData("node-name: \"'$NOT_EXPANDED'\"")]                             // single quotes: bash keeps the text
        [InlineData("node-name: \"\\\\$NOT_EXPANDED\"")]                            // escaped
        [InlineData("node-name: \"n-$RANDOM\"")]
        public void DoesNotTrigger(string line)
        {
            RuleVerifier.VerifyNone(Id, Cluster(head: line));
        }

        [Theory]
        [InlineData("$FQ_RAY_IP")]
        [InlineData("${RAY_IP}")]
        [InlineData("$(FQ_RAY_IP)")]
        public void WorkerVariables(string value)
        {
            RuleVerifier.VerifyNone(Id, Cluster(worker: "node-name: \"" + value + "\""));
        }

        [Fact]
        public void ClusterNamespaceVariableFromKubeRay16()
        {
            RuleVerifier.Verify(Id, Cluster(head: "node-name: \"{|RAY0037:$RAY_CLUSTER_NAMESPACE|}\""), KubeRayVersion("1.5.0"));
            RuleVerifier.VerifyNone(Id, Cluster(head: "node-name: \"$RAY_CLUSTER_NAMESPACE\""), KubeRayVersion("1.6.0"));
        }

        [Fact]
        public void EnvFromMakesItInfo()
        {
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "node-ip-address: {|RAY0037:$MY_POD_IP|}", headContainer: "envFrom:\n- configMapRef: {name: cm}")));
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
            Assert.Contains("envFrom", diagnostic.GetMessage());
        }

        [Fact]
        public void RedisPasswordThatRefersToItself()
        {
            // ray.io/ft-enabled without gcsFaultToleranceOptions: KubeRay copies the param into REDIS_PASSWORD.
            string annotation = "annotations:\n  ray.io/ft-enabled: \"true\"\n";
            Diagnostic diagnostic = Assert.Single(RuleVerifier.Verify(Id, Cluster(head: "redis-password: {|RAY0037:$REDIS_PASSWORD|}", metadataExtra: annotation)));
            Assert.Contains("refers to itself", diagnostic.GetMessage());

            // The corpus sample ray-cluster.deprecate-gcs-ft.yaml defines REDIS_PASSWORD from a Secret: fine.
            RuleVerifier.VerifyNone(Id, Cluster(head: "redis-password: $REDIS_PASSWORD", headContainer: "env:\n- name: REDIS_PASSWORD\n  valueFrom: {secretKeyRef: {name: s, key: k}}", metadataExtra: annotation));
        }

        [Fact]
        public void TokenAuthAndTlsVariablesExistWhenTheFeatureIsOn()
        {
            string yaml = Document("RayCluster", Spec(head: "node-name: \"$RAY_AUTH_MODE-$RAY_USE_TLS\"", specExtra: "authOptions:\n  mode: token\ntlsOptions:\n  enabled: true"));
            RuleVerifier.VerifyNone(Id, yaml, allowed: new[] { "RAY0196" });
            RuleVerifier.Verify(Id, Cluster(head: "node-name: \"{|RAY0037:$RAY_AUTH_MODE|}-{|RAY0037:$RAY_USE_TLS|}\""));
        }

        [Fact]
        public void EveryModeReportsIt()
        {
            RuleVerifier.Verify(Id, Cluster(head: "node-ip-address: {|RAY0037:$MY_POD_IP|}", headContainer: OwnStart));
        }
    }
}
