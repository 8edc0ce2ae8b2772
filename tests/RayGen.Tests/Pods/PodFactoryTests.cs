using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Pods
{
    /// <summary>The generated pod factories on hand-written cases; expected values written from the spec.</summary>
    public class PodFactoryTests
    {
        private static Type Cluster(string yaml, IDictionary<string, string>? properties = null)
        {
            GeneratorRun run = GeneratorHarness.Run(yaml, properties, kubernetes: true);
            Assert.Empty(run.CompilationErrors.Select(d => d.ToString()));
            Assembly assembly = GeneratedAssembly.Load(run.Output);
            return PodFactories.ClusterClass(assembly, PodFactories.Catalog(assembly).Single());
        }

        private static JsonNode Template(Type cluster, string member, DeployValues? deploy = null) =>
            PodFactories.Json(PodFactories.Call(cluster, "Create" + member + "PodTemplate", deploy));

        /// <summary>The body of a RayCluster's <c>spec:</c>, to embed in a RayJob or RayService.</summary>
        private static string ClusterSpecOf(string rayCluster) => rayCluster.Substring(rayCluster.IndexOf("spec:\n", StringComparison.Ordinal) + "spec:\n".Length);

        private static void AssertJson(string expected, JsonNode actual)
        {
            List<string> differences = JsonTrees.Differences(JsonNode.Parse(expected), actual);
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }

        [Fact]
        public void HeadCommandSampleHeadPodIsWhatKubeRayWrites()
        {
            // kuberay-pod-command.md §13.1 (command, args, KUBERAY_GEN_RAY_START_CMD, /dev/shm 5Gi), §7.1 env
            // order, §9.3 exec probes (rayVersion 2.52.0 < 2.53.0), §9.4 metrics port and names, §10 labels;
            // defaultMode 0777 is YAML 1.1 octal: 511.
            string yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests", "ray-cluster.head-command.yaml"));
            object pod = PodFactories.Call(Cluster(yaml), "CreateHeadPod", new DeployValues("raycluster-head-command", "default"));
            const string Start = "ray start --head  --block  --dashboard-agent-listen-port=52365  --dashboard-host=0.0.0.0  --memory=5368709120  --metrics-export-port=8080  --num-cpus=1 ";
            const string Probe = "wget --tries 1 -T 2 -q -O- http://localhost:52365/api/local_raylet_healthz | grep success && wget --tries 1 -T 10 -q -O- http://localhost:8265/api/gcs_healthz | grep success";
            AssertJson($$"""
                {
                  "apiVersion": "v1",
                  "kind": "Pod",
                  "metadata": {
                    "generateName": "raycluster-head-command-head-",
                    "namespace": "default",
                    "labels": {
                      "ray.io/is-ray-node": "yes", "ray.io/cluster": "raycluster-head-command", "ray.io/node-type": "head",
                      "ray.io/group": "headgroup", "ray.io/identifier": "raycluster-head-command-head",
                      "app.kubernetes.io/name": "kuberay", "app.kubernetes.io/created-by": "kuberay-operator"
                    },
                    "annotations": { "ray.io/ft-enabled": "false" }
                  },
                  "spec": {
                    "containers": [{
                      "name": "ray-head",
                      "image": "rayproject/ray:2.52.0",
                      "resources": { "limits": { "cpu": "1", "memory": "5Gi" }, "requests": { "cpu": "1", "memory": "2Gi" } },
                      "ports": [
                        { "containerPort": 6379, "name": "gcs-server" }, { "containerPort": 8265, "name": "dashboard" },
                        { "containerPort": 10001, "name": "client" }, { "name": "metrics", "containerPort": 8080 }
                      ],
                      "command": ["/bin/bash", "-c", "--"],
                      "args": [" echo 123  456  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; {{Start}}"],
                      "lifecycle": { "postStart": { "exec": { "command": ["/bin/sh", "-c", "/home/ray/samples/ray_cluster_resources.sh"] } } },
                      "volumeMounts": [
                        { "mountPath": "/home/ray/samples", "name": "ray-example-configmap" },
                        { "name": "shared-mem", "mountPath": "/dev/shm" }
                      ],
                      "env": [
                        { "name": "RAY_CLUSTER_NAME", "valueFrom": { "fieldRef": { "fieldPath": "metadata.labels['ray.io/cluster']" } } },
                        { "name": "RAY_CLUSTER_NAMESPACE", "valueFrom": { "fieldRef": { "fieldPath": "metadata.namespace" } } },
                        { "name": "RAY_CLOUD_INSTANCE_ID", "valueFrom": { "fieldRef": { "fieldPath": "metadata.name" } } },
                        { "name": "RAY_NODE_TYPE_NAME", "valueFrom": { "fieldRef": { "fieldPath": "metadata.labels['ray.io/group']" } } },
                        { "name": "KUBERAY_GEN_RAY_START_CMD", "value": "{{Start}}" },
                        { "name": "RAY_PORT", "value": "6379" },
                        { "name": "RAY_ADDRESS", "value": "127.0.0.1:6379" },
                        { "name": "RAY_USAGE_STATS_KUBERAY_IN_USE", "value": "1" },
                        { "name": "RAY_USAGE_STATS_EXTRA_TAGS", "value": "kuberay_version=v1.7.0;kuberay_crd=RayCluster" },
                        { "name": "RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE", "value": "1" }
                      ],
                      "livenessProbe": {
                        "exec": { "command": ["bash", "-c", "{{Probe}}"] },
                        "initialDelaySeconds": 30, "timeoutSeconds": 5, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 120
                      },
                      "readinessProbe": {
                        "exec": { "command": ["bash", "-c", "{{Probe}}"] },
                        "initialDelaySeconds": 10, "timeoutSeconds": 5, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 10
                      }
                    }],
                    "volumes": [
                      { "name": "ray-example-configmap", "configMap": { "name": "ray-example", "defaultMode": 511,
                        "items": [{ "key": "ray_cluster_resources.sh", "path": "ray_cluster_resources.sh" }] } },
                      { "name": "shared-mem", "emptyDir": { "medium": "Memory", "sizeLimit": "5Gi" } }
                    ]
                  }
                }
                """, PodFactories.Json(pod));
        }

        [Fact]
        public void WorkerPodHasWaitGcsReadyAndReplicaLabelAndCanBeCalledWithoutArguments()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), Worker("small", Group(Resources("1", "1Gi") + "env:\n- name: A\n  value: x\n")), metadataExtra: "namespace: ns\n");
            JsonNode template = Template(Cluster(yaml), "Small");
            const string Fqdn = "c-head-svc.ns.svc.cluster.local";
            Assert.Equal("c-small-worker-", (string?)template["metadata"]!["generateName"]);
            Assert.Equal("ns", (string?)template["metadata"]!["namespace"]);
            Assert.Equal("0", (string?)template["metadata"]!["labels"]!["ray.io/worker-group-replica-index"]);
            JsonNode init = Assert.Single(template["spec"]!["initContainers"]!.AsArray())!;
            AssertJson($$"""
                {
                  "name": "wait-gcs-ready",
                  "image": "rayproject/ray:2.52.0",
                  "command": ["/bin/bash", "-c", "--"],
                  "args": ["\n\t\t\t\t\tSECONDS=0\n\t\t\t\t\twhile true; do\n\t\t\t\t\t\tif (( SECONDS <= 120 )); then\n\t\t\t\t\t\t\tif ray health-check --address {{Fqdn}}:6379 > /dev/null 2>&1; then\n\t\t\t\t\t\t\t\techo \"GCS is ready.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Waiting for GCS to be ready.\"\n\t\t\t\t\t\telse\n\t\t\t\t\t\t\tif ray health-check --address {{Fqdn}}:6379; then\n\t\t\t\t\t\t\t\techo \"GCS is ready. Any error messages above can be safely ignored.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Still waiting for GCS to be ready. For troubleshooting, refer to the FAQ at https://docs.ray.io/en/master/cluster/kubernetes/troubleshooting.html.\"\n\t\t\t\t\t\tfi\n\t\t\t\t\t\tsleep 5\n\t\t\t\t\tdone\n\t\t\t\t"],
                  "env": [{ "name": "A", "value": "x" }, { "name": "FQ_RAY_IP", "value": "{{Fqdn}}" }, { "name": "RAY_IP", "value": "c-head-svc" }],
                  "resources": { "limits": { "cpu": "200m", "memory": "256Mi" }, "requests": { "cpu": "200m", "memory": "256Mi" } }
                }
                """, init);
            string[] env = template["spec"]!["containers"]![0]!["env"]!.AsArray().Select(e => (string)e!["name"]!).ToArray();
            Assert.Equal(
                new[] { "A", "FQ_RAY_IP", "RAY_IP", "RAY_CLUSTER_NAME", "RAY_CLUSTER_NAMESPACE", "RAY_CLOUD_INSTANCE_ID", "RAY_NODE_TYPE_NAME", "KUBERAY_GEN_RAY_START_CMD", "RAY_PORT", "RAY_ADDRESS", "RAY_USAGE_STATS_KUBERAY_IN_USE", "RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE" },
                env);
        }

        [Fact]
        public void KubernetesValuesKeepTheirMeaning()
        {
            string container = "resources:\n  limits: {cpu: 500m, memory: 1.5Gi, nvidia.com/gpu: 1}\n  requests: {cpu: 0.5, memory: 0x40000000}\n"
                + "securityContext: {runAsUser: 1000, privileged: yes, capabilities: {add: [SYS_PTRACE]}}\n"
                + "livenessProbe: {tcpSocket: {port: 6379}, periodSeconds: 010}\n"
                + "readinessProbe: {httpGet: {path: /ready, port: dashboard}}\n"
                + "volumeMounts: [{name: cfg, mountPath: /cfg, readOnly: on}]\n";
            string podExtra = "    nodeSelector: {disk: ssd, 'y': n}\n    tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 30}]\n"
                + "    volumes: [{name: cfg, configMap: {name: c, defaultMode: 0644}}]\n";
            string yaml = RayCluster("c", Group(container) + podExtra, metadataExtra: "namespace: ns\n")
                .Replace("  headGroupSpec:\n    rayStartParams: {}\n    template:\n", "  headGroupSpec:\n    rayStartParams: {}\n    template:\n      metadata: {creationTimestamp: null, labels: {team: a}}\n");
            JsonNode template = Template(Cluster(yaml), "Head");
            JsonNode ray = template["spec"]!["containers"]![0]!;
            AssertJson("""{ "limits": { "cpu": "500m", "memory": "1536Mi", "nvidia.com/gpu": "1" }, "requests": { "cpu": "500m", "memory": "1073741824" } }""", ray["resources"]!);
            AssertJson("""{ "runAsUser": 1000, "privileged": true, "capabilities": { "add": ["SYS_PTRACE"] } }""", ray["securityContext"]!);
            AssertJson("""{ "tcpSocket": { "port": 6379 }, "periodSeconds": 8 }""", ray["livenessProbe"]!);
            AssertJson("""{ "httpGet": { "path": "/ready", "port": "dashboard" } }""", ray["readinessProbe"]!);
            Assert.True((bool)ray["volumeMounts"]![0]!["readOnly"]!);
            AssertJson("""{ "disk": "ssd", "y": "n" }""", template["spec"]!["nodeSelector"]!);
            Assert.Equal(30L, (long)template["spec"]!["tolerations"]![0]!["tolerationSeconds"]!);
            Assert.Equal(420, (int)template["spec"]!["volumes"]![0]!["configMap"]!["defaultMode"]!);
            Assert.Equal("a", (string?)template["metadata"]!["labels"]!["team"]);
            Assert.Null(template["metadata"]!["creationTimestamp"]);
        }

        [Fact]
        public void GeneratedCodeUsesTheReferencedTypes()
        {
            string yaml = RayCluster("c", Group("resources: {limits: {cpu: 2}}\nreadinessProbe: {httpGet: {port: 8000}}\n"), metadataExtra: "namespace: ns\n");
            string source = GeneratorHarness.Run(yaml, kubernetes: true).Sources.Single(s => s.HintName != "RayClusters.g.cs").SourceText.ToString();
            Assert.Contains("new global::k8s.Models.ResourceQuantity(\"2\")", source);
            Assert.Contains("(global::k8s.Models.IntOrString)8000", source);
            Assert.Contains("new global::System.Collections.Generic.Dictionary<string, global::k8s.Models.ResourceQuantity>", source);
            Assert.Contains("public static global::k8s.Models.V1PodTemplateSpec CreateHeadPodTemplate(string clusterName = null, string @namespace = null)", source);
            Assert.Contains("public static global::k8s.Models.V1Pod CreateHeadPod(string clusterName = null, string @namespace = null)", source);
        }

        [Fact]
        public void RayJobClusterNameIsARequiredParameter()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: job\nspec:\n  entrypoint: python x.py\n  rayClusterSpec:\n"
                + Indent(ClusterSpecOf(RayCluster("x", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"))))), 2);
            Type cluster = Cluster(yaml);
            MethodInfo factory = cluster.GetMethod("CreateWPodTemplate")!;
            Assert.Equal(new[] { "clusterName", "namespace", "replicaIndex" }, factory.GetParameters().Select(p => p.Name));
            Assert.Equal(new[] { false, false, true }, factory.GetParameters().Select(p => p.IsOptional));
            JsonNode template = Template(cluster, "W", new DeployValues("job-x7k2p", "team", ReplicaIndex: 3));
            Assert.Equal("job-x7k2p", (string?)template["metadata"]!["labels"]!["ray.io/cluster"]);
            Assert.Equal("3", (string?)template["metadata"]!["labels"]!["ray.io/worker-group-replica-index"]);
            Assert.Equal("job-x7k2p-head-svc.team.svc.cluster.local:6379", (string?)template["spec"]!["containers"]![0]!["env"]!.AsArray().Single(e => (string?)e!["name"] == "RAY_ADDRESS")!["value"]);
            Assert.Throws<ArgumentNullException>(() => PodFactories.Call(cluster, "CreateHeadPodTemplate", null));
            Assert.Throws<ArgumentException>(() => PodFactories.Call(cluster, "CreateHeadPodTemplate", new DeployValues("Not_A_Label", "team")));
        }

        [Fact]
        public void RedisFaultToleranceWithoutStorageNamespaceNeedsTheClusterUid()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), metadataExtra: "namespace: ns\n",
                specExtra: "gcsFaultToleranceOptions:\n  redisAddress: redis:6379\n  redisPassword:\n    valueFrom:\n      secretKeyRef: {name: redis, key: password}\n");
            Type cluster = Cluster(yaml);
            Assert.Equal(new[] { "clusterUid", "clusterName", "namespace" }, cluster.GetMethod("CreateHeadPod")!.GetParameters().Select(p => p.Name));
            JsonNode env = Template(cluster, "Head", new DeployValues("c", "ns", ClusterUid: "1234-uid"))["spec"]!["containers"]![0]!["env"]!;
            AssertJson("""
                [
                  { "name": "RAY_external_storage_namespace", "value": "1234-uid" },
                  { "name": "RAY_REDIS_ADDRESS", "value": "redis:6379" },
                  { "name": "REDIS_PASSWORD", "valueFrom": { "secretKeyRef": { "name": "redis", "key": "password" } } }
                ]
                """, new JsonArray(env.AsArray().Take(3).Select(e => e!.DeepClone()).ToArray()));
        }

        [Fact]
        public void MultiHostWorkersGetReplicaNameAndHostIndex()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), Worker("tpu", Group(Resources("1", "1Gi"), extra: "numOfHosts: 4")), metadataExtra: "namespace: ns\n");
            Type cluster = Cluster(yaml);
            Assert.Equal(new[] { "replicaName", "clusterName", "namespace", "replicaIndex", "hostIndex" }, cluster.GetMethod("CreateTpuPod")!.GetParameters().Select(p => p.Name));
            JsonNode labels = Template(cluster, "Tpu", new DeployValues("c", "ns", ReplicaIndex: 1, ReplicaName: "tpu-abcde", HostIndex: 2))["metadata"]!["labels"]!;
            Assert.Equal(("1", "tpu-abcde", "2"), ((string?)labels["ray.io/worker-group-replica-index"], (string?)labels["ray.io/worker-group-replica-name"], (string?)labels["ray.io/replica-host-index"]));
        }

        [Fact]
        public void ProbesFollowRayVersionAndUserProbesAndTheKnob()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi") + "livenessProbe: {exec: {command: [true]}}\n"), Worker("w", Group(Resources("1", "1Gi"))), metadataExtra: "namespace: ns\n")
                .Replace("rayVersion: \"2.52.0\"", "rayVersion: \"2.53.0\"");
            Type cluster = Cluster(yaml);
            JsonNode head = Template(cluster, "Head")["spec"]!["containers"]![0]!;
            AssertJson("""{ "exec": { "command": ["true"] } }""", head["livenessProbe"]!);
            AssertJson("""{ "httpGet": { "path": "/api/healthz", "port": 52365 }, "initialDelaySeconds": 10, "timeoutSeconds": 5, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 10 }""", head["readinessProbe"]!);
            JsonNode worker = Template(cluster, "W")["spec"]!["containers"]![0]!;
            AssertJson("""{ "httpGet": { "path": "/api/healthz", "port": 52365 }, "initialDelaySeconds": 30, "timeoutSeconds": 2, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 120 }""", worker["livenessProbe"]!);

            JsonNode off = Template(Cluster(yaml, new Dictionary<string, string> { ["RayGenEnableProbesInjection"] = "false" }), "W")["spec"]!["containers"]![0]!;
            Assert.Null(off["livenessProbe"]);
            Assert.Null(off["readinessProbe"]);
        }

        [Fact]
        public void RayServiceWorkerReadinessChecksServe()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: svc\n  namespace: ns\nspec:\n  rayClusterConfig:\n"
                + Indent(ClusterSpecOf(RayCluster("x", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi") + "ports: [{name: serve, containerPort: 9000}]\n")))), 2);
            Type cluster = Cluster(yaml);
            JsonNode worker = Template(cluster, "W", new DeployValues("svc-x7k2p", "ns"));
            Assert.Equal("true", (string?)worker["metadata"]!["labels"]!["ray.io/serve"]);
            AssertJson("""
                { "exec": { "command": ["bash", "-c", "wget --tries 1 -T 2 -q -O- http://localhost:52365/api/local_raylet_healthz | grep success && wget --tries 1 -T 10 -q -O- http://localhost:9000/-/healthz | grep success"] },
                  "initialDelaySeconds": 10, "timeoutSeconds": 2, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 1 }
                """, worker["spec"]!["containers"]![0]!["readinessProbe"]!);
            Assert.Equal("false", (string?)Template(cluster, "Head", new DeployValues("svc-x7k2p", "ns"))["metadata"]!["labels"]!["ray.io/serve"]);
        }

        [Fact]
        public void AutoscalerSidecarServiceAccountAndLogsVolume()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), metadataExtra: "namespace: ns\n",
                specExtra: "enableInTreeAutoscaling: true\nautoscalerOptions:\n  version: v2\n  env: [{name: X, value: y}]\n  resources: {limits: {cpu: 1}}\n");
            JsonNode template = Template(Cluster(yaml), "Head");
            JsonNode spec = template["spec"]!;
            Assert.Equal("c", (string?)spec["serviceAccountName"]);
            Assert.Equal("Never", (string?)spec["restartPolicy"]);
            const string Command = "ray kuberay-autoscaler --cluster-name $(RAY_CLUSTER_NAME) --cluster-namespace $(RAY_CLUSTER_NAMESPACE)";
            AssertJson($$"""
                {
                  "name": "autoscaler", "image": "rayproject/ray:2.52.0", "imagePullPolicy": "IfNotPresent",
                  "command": ["/bin/bash", "-c", "--"], "args": ["{{Command}}"],
                  "env": [
                    { "name": "RAY_CLUSTER_NAME", "valueFrom": { "fieldRef": { "fieldPath": "metadata.labels['ray.io/cluster']" } } },
                    { "name": "RAY_CLUSTER_NAMESPACE", "valueFrom": { "fieldRef": { "fieldPath": "metadata.namespace" } } },
                    { "name": "RAY_HEAD_POD_NAME", "valueFrom": { "fieldRef": { "fieldPath": "metadata.name" } } },
                    { "name": "KUBERAY_CRD_VER", "value": "v1" },
                    { "name": "KUBERAY_GEN_AUTOSCALER_START_CMD", "value": "{{Command}}" },
                    { "name": "X", "value": "y" }
                  ],
                  "resources": { "limits": { "cpu": "1" } },
                  "volumeMounts": [{ "name": "ray-logs", "mountPath": "/tmp/ray" }]
                }
                """, spec["containers"]![1]!);
            AssertJson("""[{ "name": "ray-logs", "emptyDir": {} }, { "name": "shared-mem", "emptyDir": { "medium": "Memory", "sizeLimit": "1Gi" } }]""", spec["volumes"]!);
            Assert.Equal("RAY_enable_autoscaler_v2", (string?)spec["containers"]![0]!["env"]![0]!["name"]);
            Assert.Contains(" --no-monitor ", (string?)spec["containers"]![0]!["args"]![0]);
        }

        [Fact]
        public void SharedMemoryIsSkippedForPlasmaDirectoryAndExistingMount()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi"), rayStartParams: "{plasma-directory: /plasma}"),
                Worker("w", Group(Resources("1", "1Gi") + "volumeMounts: [{name: own, mountPath: /dev/shm}]\n")), metadataExtra: "namespace: ns\n");
            Type cluster = Cluster(yaml);
            Assert.Null(Template(cluster, "Head")["spec"]!["volumes"]);
            Assert.Single(Template(cluster, "W")["spec"]!["containers"]![0]!["volumeMounts"]!.AsArray());
        }

        [Fact]
        public void FeatureGateTurnsReplicaLabelsOffAndOlderProfilesLeaveOutWhatTheSpecDoesNotGive()
        {
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"))), metadataExtra: "namespace: ns\n");
            JsonNode gated = Template(Cluster(yaml, new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayMultiHostIndexing=false,RayJobDeletionPolicy" }), "W");
            Assert.Null(gated["metadata"]!["labels"]!["ray.io/worker-group-replica-index"]);

            // KubeRay 1.3: "bash -lc", "ulimit -n 65536", and no probes (their 1.3 text is not specified).
            JsonNode old = Template(Cluster(yaml, new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.3" }), "W");
            JsonNode ray = old["spec"]!["containers"]![0]!;
            AssertJson("""["/bin/bash", "-lc", "--"]""", ray["command"]!);
            Assert.StartsWith("ulimit -n 65536; ray start ", (string?)ray["args"]![0]);
            Assert.Null(ray["livenessProbe"]);
            Assert.Null(old["metadata"]!["labels"]!["ray.io/worker-group-replica-index"]);
        }

        private static string[] EnvNames(JsonNode container) => container["env"]!.AsArray().Select(e => (string)e!["name"]!).ToArray();

        [Fact]
        public void MTlsGateAddsTheTlsEnvToRayWaitGcsReadyAndAutoscalerContainers()
        {
            // §7.1 item 5 after token auth (item 4), each if absent; §7.2 wait-gcs-ready gets items 4 and 5 before
            // FQ_RAY_IP/RAY_IP; §9.2 the autoscaler gets "auth/TLS env" before autoscalerOptions.env.
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")),
                Worker("w", Group(Resources("1", "1Gi") + "env: [{name: RAY_TLS_SERVER_CERT, value: /mine.crt}]\n")),
                metadataExtra: "namespace: ns\n",
                specExtra: "tlsOptions:\n  enabled: true\nauthOptions: {mode: token, secretName: tok}\nenableInTreeAutoscaling: true\nautoscalerOptions: {env: [{name: X, value: y}]}\n");
            var gates = new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS" };
            Type cluster = Cluster(yaml, gates);
            JsonNode head = Template(cluster, "Head")["spec"]!;
            Assert.Equal(
                new[] { "RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_USE_TLS", "RAY_TLS_SERVER_CERT", "RAY_TLS_SERVER_KEY", "RAY_TLS_CA_CERT", "RAY_CLUSTER_NAME" },
                EnvNames(head["containers"]![0]!).Take(7));
            AssertJson("""
                [
                  { "name": "RAY_USE_TLS", "value": "1" },
                  { "name": "RAY_TLS_SERVER_CERT", "value": "/etc/ray/tls/tls.crt" },
                  { "name": "RAY_TLS_SERVER_KEY", "value": "/etc/ray/tls/tls.key" },
                  { "name": "RAY_TLS_CA_CERT", "value": "/etc/ray/tls/ca.crt" }
                ]
                """, new JsonArray(head["containers"]![0]!["env"]!.AsArray().Skip(2).Take(4).Select(e => e!.DeepClone()).ToArray()));
            Assert.Equal(
                new[] { "RAY_CLUSTER_NAME", "RAY_CLUSTER_NAMESPACE", "RAY_HEAD_POD_NAME", "KUBERAY_CRD_VER", "KUBERAY_GEN_AUTOSCALER_START_CMD", "RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_USE_TLS", "RAY_TLS_SERVER_CERT", "RAY_TLS_SERVER_KEY", "RAY_TLS_CA_CERT", "X" },
                EnvNames(head["containers"]![1]!));

            JsonNode worker = Template(cluster, "W")["spec"]!;
            // The user's RAY_TLS_SERVER_CERT stays, and KubeRay's is skipped, on the Ray container and on wait-gcs-ready.
            Assert.Equal(
                new[] { "RAY_TLS_SERVER_CERT", "RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_USE_TLS", "RAY_TLS_SERVER_KEY", "RAY_TLS_CA_CERT", "FQ_RAY_IP", "RAY_IP", "RAY_CLUSTER_NAME" },
                EnvNames(worker["containers"]![0]!).Take(9));
            Assert.Equal(
                new[] { "RAY_TLS_SERVER_CERT", "RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_USE_TLS", "RAY_TLS_SERVER_KEY", "RAY_TLS_CA_CERT", "FQ_RAY_IP", "RAY_IP" },
                EnvNames(worker["initContainers"]![0]!));
            Assert.Equal("/mine.crt", (string?)worker["initContainers"]![0]!["env"]![0]!["value"]);

            // Gate off (the default), tlsOptions.enabled false, or KubeRay 1.6 (no tlsOptions): no TLS env anywhere.
            foreach ((string manifest, Dictionary<string, string>? properties) in new[]
            {
                (yaml, null),
                (yaml, new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterMTLS=false" }),
                (yaml.Replace("  enabled: true", "  enabled: off"), gates),
                (yaml, new Dictionary<string, string>(gates) { ["RayGenKubeRayVersion"] = "1.6" }),
            })
            {
                Type off = Cluster(manifest, properties);
                string json = Template(off, "Head").ToJsonString() + Template(off, "W").ToJsonString();
                Assert.DoesNotContain("RAY_USE_TLS", json);
                Assert.DoesNotContain("/etc/ray/tls", json);
            }
        }

        [Fact]
        public void HistoryServerGateAddsTheCollectorEnvLastOnRayContainersOnly()
        {
            // §7.1 item 19, each if absent, after RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE; §7.2 never on wait-gcs-ready.
            string yaml = RayCluster("c", Group(Resources("1", "1Gi") + "env: [{name: RAY_enable_core_worker_ray_event_to_aggregator, value: 'false'}]\n"),
                Worker("w", Group(Resources("1", "1Gi"))),
                metadataExtra: "namespace: ns\n",
                specExtra: "historyServerOptions:\n  collectorOptions:\n    image: quay.io/kuberay/collector:nightly\n");
            var gates = new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayClusterHistoryServer" };
            Type cluster = Cluster(yaml, gates);
            const string Types = "TASK_DEFINITION_EVENT,TASK_LIFECYCLE_EVENT,ACTOR_TASK_DEFINITION_EVENT,TASK_PROFILE_EVENT,DRIVER_JOB_DEFINITION_EVENT,DRIVER_JOB_LIFECYCLE_EVENT,ACTOR_DEFINITION_EVENT,ACTOR_LIFECYCLE_EVENT,NODE_DEFINITION_EVENT,NODE_LIFECYCLE_EVENT";
            JsonArray headEnv = Template(cluster, "Head")["spec"]!["containers"]![0]!["env"]!.AsArray();
            AssertJson($$"""
                [
                  { "name": "RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE", "value": "1" },
                  { "name": "RAY_enable_ray_event", "value": "true" },
                  { "name": "RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR", "value": "http://localhost:8084/v1/events" },
                  { "name": "RAY_DASHBOARD_AGGREGATOR_AGENT_EXPOSABLE_EVENT_TYPES", "value": "{{Types}}" },
                  { "name": "RAY_DASHBOARD_AGGREGATOR_AGENT_PUBLISHER_HTTP_ENDPOINT_EXPOSABLE_EVENT_TYPES", "value": "{{Types}}" }
                ]
                """, new JsonArray(headEnv.Skip(headEnv.Count - 5).Select(e => e!.DeepClone()).ToArray()));
            Assert.Equal("false", (string?)headEnv[0]!["value"]);

            JsonNode worker = Template(cluster, "W")["spec"]!;
            Assert.Equal(
                new[] { "RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE", "RAY_enable_ray_event", "RAY_enable_core_worker_ray_event_to_aggregator", "RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR", "RAY_DASHBOARD_AGGREGATOR_AGENT_EXPOSABLE_EVENT_TYPES", "RAY_DASHBOARD_AGGREGATOR_AGENT_PUBLISHER_HTTP_ENDPOINT_EXPOSABLE_EVENT_TYPES" },
                EnvNames(worker["containers"]![0]!).TakeLast(6));
            Assert.Equal(new[] { "FQ_RAY_IP", "RAY_IP" }, EnvNames(worker["initContainers"]![0]!));
            Assert.Single(worker["containers"]!.AsArray()); // the collector sidecar is not produced (RAY0197)

            // Gate off, no collectorOptions, or KubeRay 1.6: no collector env.
            foreach ((string manifest, Dictionary<string, string>? properties) in new[]
            {
                (yaml, null),
                (yaml.Replace("collectorOptions:\n      image: quay.io/kuberay/collector:nightly\n", "collectorOptions: null\n"), gates),
                (yaml, new Dictionary<string, string>(gates) { ["RayGenKubeRayVersion"] = "1.6" }),
            })
            {
                Type off = Cluster(manifest, properties);
                Assert.DoesNotContain("RAY_enable_ray_event", Template(off, "Head").ToJsonString() + Template(off, "W").ToJsonString());
            }
        }

        [Fact]
        public void InvalidNewSettingsAreRay0193()
        {
            var diagnostics = GeneratorHarness.Analyze(RayCluster("c", Group("")), new Dictionary<string, string> { ["RayGenFeatureGates"] = "RayMultiHostIndexing=maybe", ["RayGenEnableProbesInjection"] = "nope" });
            Assert.Equal(2, diagnostics.Count(d => d.Id == "RAY0193"));
            Assert.Contains(diagnostics, d => d.GetMessage().Contains("RayGenFeatureGates 'RayMultiHostIndexing=maybe'"));
            Assert.Contains(diagnostics, d => d.GetMessage().Contains("RayGenEnableProbesInjection 'nope'"));
        }

        [Fact]
        public void KubeRay06PodsFollowThatVersion()
        {
            // kuberay-versions.md: before 1.0 the init container copies the Ray container's resources and the Ray
            // container is the one with env ray=true; before 1.3 /dev/shm is sized from the request first and
            // user labels override every base label.
            string ray = "resources:\n  limits: {cpu: 2, memory: 4Gi}\n  requests: {cpu: 1, memory: 2Gi}\nenv: [{name: ray, value: 'true'}]\n";
            string yaml = RayCluster("c", Group(Resources("1", "1Gi")),
                Worker("w", Group("", templateMetadata: "labels: {ray.io/group: mine}\n").Replace("    - name: ray\n", "    - name: side\n      image: busybox\n    - name: ray\n") + Indent(ray, 6)),
                metadataExtra: "namespace: ns\n");
            JsonNode worker = Template(Cluster(yaml, new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "0.6" }), "W");
            JsonNode spec = worker["spec"]!;
            AssertJson("""{ "limits": { "cpu": "2", "memory": "4Gi" }, "requests": { "cpu": "1", "memory": "2Gi" } }""", spec["initContainers"]![0]!["resources"]!);
            Assert.Equal("2Gi", (string?)spec["volumes"]![0]!["emptyDir"]!["sizeLimit"]);
            Assert.Equal("mine", (string?)worker["metadata"]!["labels"]!["ray.io/group"]);
            Assert.Null(spec["containers"]![0]!["command"]);
            AssertJson("""["/bin/bash", "-lc", "--"]""", spec["containers"]![1]!["command"]!);
            Assert.Equal("/dev/shm", (string?)spec["containers"]![1]!["volumeMounts"]![0]!["mountPath"]);
            Assert.Null(spec["containers"]![1]!["livenessProbe"]);
        }

        [Fact]
        public void PodEqualsTemplateWithTypeMeta()
        {
            Type cluster = Cluster(RayCluster("c", Group(Resources("1", "1Gi")), metadataExtra: "namespace: ns\n"));
            var pod = (V1Pod)PodFactories.Call(cluster, "CreateHeadPod", null);
            var template = (V1PodTemplateSpec)PodFactories.Call(cluster, "CreateHeadPodTemplate", null);
            Assert.Equal(("v1", "Pod"), (pod.ApiVersion, pod.Kind));
            Assert.Empty(JsonTrees.Differences(PodFactories.Json(template.Spec), PodFactories.Json(pod.Spec)));
            Assert.Empty(JsonTrees.Differences(PodFactories.Json(template.Metadata), PodFactories.Json(pod.Metadata)));
        }

        [Fact]
        public void WithoutKubernetesClientThereAreNoPodFactoriesAndNoErrors()
        {
            GeneratorRun run = GeneratorHarness.Run(RayCluster("c", Group(Resources("1", "1Gi"))));
            Assert.Empty(run.CompilationErrors);
            Assert.DoesNotContain(run.Sources, s => s.SourceText.ToString().Contains("PodTemplate"));
            Assert.Single(GeneratedAssembly.LoadCatalog(run.Output));
        }

        [Fact]
        public void GeneratedPodCodeCompilesAsCSharp73WithoutWarnings()
        {
            string yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests", "ray-cluster.head-command.yaml"))
                + "---\n" + RayCluster("d", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"), extra: "numOfHosts: 2")),
                    specExtra: "enableInTreeAutoscaling: true\ngcsFaultToleranceOptions: {redisAddress: r}\n");
            GeneratorRun run = GeneratorHarness.Run(new[] { ("/project/ray/cluster.yaml", yaml) }, language: LanguageVersion.CSharp7_3, kubernetes: true);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationErrors.Select(d => d.ToString()));
            Assert.Contains(run.Sources, s => s.SourceText.ToString().Contains("CreateWPod("));
        }
    }
}
