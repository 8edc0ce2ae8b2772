using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using RayGen.Tests.Corpus;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Pods
{
    /// <summary>
    /// Every group of every KubeRay sample: the generated factory's pod template, serialized with
    /// KubernetesJson, equals the YAML template (read independently, YAML 1.1) plus the injections of
    /// kuberay-pod-command.md as written out in <see cref="ExpectedPod"/>.
    /// </summary>
    public class PodCorpusTests
    {
        /// <summary>RayGenFeatureGates with both gates that the spec gives pod changes for (§0).</summary>
        private static readonly Dictionary<string, string> GatesOn = new() { ["RayGenFeatureGates"] = ExpectedPod.MTlsGate + "," + ExpectedPod.HistoryServerGate };

        [SkippableFact]
        public void EveryGroupOfEveryManifestIsTheTemplatePlusTheSpecsInjections()
        {
            int groups = AssertFactoriesFollowTheSpec(KubeRaySamplesTests.CorpusFiles());
            Assert.True(groups > 150, "too few groups: " + groups);
        }

        /// <summary>The corpus has an mTLS and a history server sample (ray-cluster.mtls.yaml, ray-cluster.historyserver.yaml).</summary>
        [SkippableFact]
        public void WithTheMTlsAndHistoryServerGatesOnEveryGroupStillFollowsTheSpec()
        {
            int groups = AssertFactoriesFollowTheSpec(KubeRaySamplesTests.CorpusFiles(), GatesOn);
            Assert.True(groups > 150, "too few groups: " + groups);
        }

        /// <summary>The project's own manifests: the samples and cases the corpus does not have.</summary>
        [Fact]
        public void OwnManifestsAreTheTemplatePlusTheSpecsInjections()
        {
            string samples = Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests");
            var files = Directory.GetFiles(samples, "*.yaml").OrderBy(p => p, System.StringComparer.Ordinal)
                .Select(p => ("/project/manifests/" + Path.GetFileName(p), File.ReadAllText(p)))
                .Concat(OwnCases.Concat(GatedCases).Select((yaml, i) => ($"/project/own/case{i}.yaml", yaml)))
                .ToArray();
            Assert.Equal((OwnCases.Length + GatedCases.Length) * 2 + 3, AssertFactoriesFollowTheSpec(files)); // the samples: head-command (head), sample (head, worker)
        }

        /// <summary>The same manifests with the RayClusterMTLS and RayClusterHistoryServer gates on (RayGenFeatureGates).</summary>
        [Fact]
        public void OwnManifestsWithTheGatesOnAreTheTemplatePlusTheSpecsInjections()
        {
            var files = OwnCases.Concat(GatedCases).Select((yaml, i) => ($"/project/own/case{i}.yaml", yaml)).ToArray();
            Assert.Equal((OwnCases.Length + GatedCases.Length) * 2, AssertFactoriesFollowTheSpec(files, GatesOn));
        }

        /// <summary>§7.1 items 5 and 19, §7.2, §9.2 under the gates; with the gates off they must add nothing.</summary>
        private static readonly string[] GatedCases =
        {
            // TLS (YAML 1.1 "yes") with token auth before it, the autoscaler sidecar, user env that the "if absent"
            // entries respect on the Ray container and on wait-gcs-ready, and a user init container (no TLS env).
            RayCluster("tls",
                Group(Resources("1", "1Gi") + "env: [{name: RAY_TLS_CA_CERT, value: /mine/ca.crt}]\n"),
                Worker("w", Group(Resources("1", "1Gi") + "env: [{name: RAY_USE_TLS, value: '0'}]\n") + "    initContainers: [{name: init, image: busybox}]\n"),
                specExtra: "tlsOptions: {enabled: yes}\nauthOptions: {mode: token}\nenableInTreeAutoscaling: true\nautoscalerOptions: {env: [{name: RAY_TLS_SERVER_KEY, value: k}]}\n"),
            // The history collector (last, each if absent) with TLS explicitly off.
            RayCluster("history",
                Group(Resources("1", "1Gi") + "env: [{name: RAY_enable_ray_event, value: 'false'}]\n"),
                Worker("w", Group(Resources("1", "1Gi"))),
                specExtra: "tlsOptions: {enabled: false}\nhistoryServerOptions:\n  collectorOptions: {image: 'collector:1', env: [{name: STORAGE_BACKEND, value: GCS}]}\n"),
            // Both features with Kubernetes token auth (Ray >= 2.55.0, RayCluster only: rules.md RAY0114).
            RayCluster("both", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"))),
                specExtra: "tlsOptions: {enabled: true}\nhistoryServerOptions: {collectorOptions: {}}\nauthOptions: {mode: token, enableK8sTokenAuth: true}\n")
                .Replace("rayVersion: \"2.52.0\"", "rayVersion: \"2.55.0\""),
            // Neither: no collectorOptions, tlsOptions without enabled.
            RayCluster("neither", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"))),
                specExtra: "tlsOptions: {}\nhistoryServerOptions: {}\n"),
        };

        /// <summary>Each case has a head and one worker group.</summary>
        private static readonly string[] OwnCases =
        {
            // User env that KubeRay's "if absent" entries must respect, and a user init container.
            RayCluster("env", Group(Resources("1", "1Gi") + "env: [{name: RAY_PORT, value: '7000'}, {name: RAY_ADDRESS, value: x}]\n", rayStartParams: "{port: '6380'}"),
                Worker("w", Group(Resources("1", "1Gi") + "env: [{name: FQ_RAY_IP, value: mine}]\n", extra: null) + "    initContainers: [{name: init, image: busybox, env: [{name: A, value: b}]}]\n")),
            // Autoscaler v2 with options, custom head Service, overwrite annotation on the cluster.
            RayCluster("auto", Group(Resources("2", "2Gi") + "command: [echo hi]\n", extra: "headService: {metadata: {name: my-head}}"), Worker("w", Group(Resources("1", "1Gi"))),
                metadataExtra: "annotations: {ray.io/overwrite-container-cmd: 'true'}\n",
                specExtra: "enableInTreeAutoscaling: true\nautoscalerOptions: {version: v2, image: as:1, imagePullPolicy: Always, env: [{name: X, value: z}], volumeMounts: [{name: v, mountPath: /v}], securityContext: {runAsUser: 1}}\n"),
            // GCS fault tolerance on Redis with credentials, token auth with a secret.
            RayCluster("ft", Group(Resources("1", "1Gi")), Worker("w", Group(Resources("1", "1Gi"))),
                specExtra: "gcsFaultToleranceOptions: {redisAddress: 'redis:6379', externalStorageNamespace: ns1, redisUsername: {value: u}, redisPassword: {valueFrom: {secretKeyRef: {name: s, key: p}}}}\nauthOptions: {mode: token, secretName: tok}\n"),
            // rayVersion 2.53 (HTTP probes), custom agent port, a user probe, plasma-directory, existing /dev/shm.
            RayCluster("probe", Group(Resources("1", "1Gi") + "readinessProbe: {tcpSocket: {port: 6379}}\n", rayStartParams: "{dashboard-agent-listen-port: '52366', plasma-directory: /p}"),
                Worker("w", Group(Resources("1", "1Gi") + "volumeMounts: [{name: shm, mountPath: /dev/shm}]\n", extra: "numOfHosts: 2")))
                .Replace("rayVersion: \"2.52.0\"", "rayVersion: \"2.53.0\""),
            // §5.1 zero limit falls back to the request, ceil; §6 / §13.7 booleans (1.7 special list); §5.4 existing
            // JSON re-serialized with neuron_cores (first accelerator in sorted order), MIG GPU key, 1.1Gi, YAML float cpu.
            RayCluster("res",
                Group("resources: {limits: {cpu: '0'}, requests: {cpu: 500m, memory: 1Gi}}\n",
                    rayStartParams: "{log-color: 'False', include-dashboard: 'TRUE', include-log-monitor: 'false', disable-usage-stats: 'True', block: 'false', temp-dir: '', dashboard-port: '8266'}"),
                Worker("w", Group("resources: {limits: {cpu: 2.5, memory: 1.1Gi, nvidia.com/mig-1g.10gb: 1, google.com/tpu: '4', aws.amazon.com/neuroncore: 2e0}}\n",
                    rayStartParams: "{resources: '\"{\"custom\": 2.0}\"'}"))),
            // §5.5/§5.6 group resources and labels (§13.5) with 0.3 vs 300m; §5.4 invalid JSON keeps the text and skips num-gpus.
            RayCluster("grp",
                Group("resources: {limits: {cpu: '1', nvidia.com/gpu: '2'}}\n", rayStartParams: "{resources: '{ '}"),
                Worker("w", Group("resources: {limits: {cpu: '4', memory: 8Gi, google.com/tpu: '4'}}\n",
                    extra: "resources: {CPU: '2', memory: 4Gi, GPU: '1', TPU: '4', custom: 500m, a: '0.3', b: 300m, c: 1k}\nlabels: {zone: us-a, accelerator: tpu}"))),
            // §3: "ray start" split over two elements is not the substring (§13.6); a template-level overwrite
            // annotation; args [""] still joins.
            RayCluster("cmd",
                Group(Resources("1", "1Gi") + "command: [ray, start]\n"),
                Worker("w", Group(Resources("1", "1Gi") + "args: ['echo; $KUBERAY_GEN_RAY_START_CMD']\n", templateMetadata: "annotations: {ray.io/overwrite-container-cmd: 'True'}\n"))),
            RayCluster("quoted",
                Group(Resources("1", "1Gi") + "args: [\"echo 'ray start later'\"]\n"),
                Worker("w", Group(Resources("1", "1Gi") + "args: ['']\n"))),
            // §5.3 first GPU key in sorted order (amd before nvidia, zero skipped); §5.4 TPU already in the JSON: the
            // text stays as written; §4 no-monitor overwritten; §5.5 unparsable group entry skipped, lower-cased names.
            RayCluster("edge",
                Group("resources: {limits: {cpu: .5, memory: 1e9, nvidia.com/gpu: '2', amd.com/gpu: '1', google.com/tpu: '2'}}\n",
                    rayStartParams: "{no-monitor: 'false', include-log-monitor: 'TRUE', Zeta: 'x', object-store-memory: 'True', resources: '''{\"TPU\": 1}'''}"),
                Worker("w", Group("resources: {limits: {cpu: '1', nvidia.com/gpu: '0', x.io/gpu: '3', memory: 2G}, requests: {memory: 4Gi}}\n",
                    rayStartParams: "{address: 'my-head:6379'}", extra: "resources: {cpu: nope, Memory: 3Gi, custom.io/x: '1.5'}\nlabels: {}")),
                specExtra: "enableInTreeAutoscaling: true\n"),
            // §5.1 request-only CPU; §5.4 a JSON value that is not a number disables num-gpus; neuron_cores already present.
            RayCluster("json",
                Group("resources: {limits: {nvidia.com/gpu: '1'}, requests: {cpu: '2', memory: 1Gi}}\n", rayStartParams: "{resources: '{\"a\": \"x\"}'}"),
                Worker("w", Group("resources: {limits: {cpu: 1, google.com/tpu: 4, aws.amazon.com/neuroncore: '0'}}\n", rayStartParams: "{resources: '{\"neuron_cores\": 1}'}"))),
            // §5.4 with Go's json.Unmarshal: a repeated key keeps the last value, a null entry is 0, a null object is empty.
            RayCluster("dup",
                Group("resources: {limits: {google.com/tpu: '1'}}\n", rayStartParams: "{resources: '{\"x\": 1, \"x\": 2.50, \"y\": null}'}"),
                Worker("w", Group("resources: {limits: {cpu: '1', nvidia.com/gpu: '1'}}\n", rayStartParams: "{resources: 'null'}"))),
            // rules.md §0.2: a RayCronJob does not pass its own annotations on, so no overwrite.
            "apiVersion: ray.io/v1\nkind: RayCronJob\nmetadata:\n  name: cron\n  annotations: {ray.io/overwrite-container-cmd: 'true'}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    entrypoint: python x.py\n    rayClusterSpec:\n"
                + Indent(ClusterSpecOf(RayCluster("x", Group(Resources("1", "1Gi") + "command: [echo]\n"), Worker("w", Group(Resources("1", "1Gi"))))), 4),
        };

        /// <summary>The body of a RayCluster's <c>spec:</c>, to embed in another kind.</summary>
        private static string ClusterSpecOf(string rayCluster) => rayCluster[(rayCluster.IndexOf("spec:\n", System.StringComparison.Ordinal) + "spec:\n".Length)..];

        private static int AssertFactoriesFollowTheSpec((string Path, string Text)[] files, IDictionary<string, string>? properties = null)
        {
            string[] gates = properties is not null && properties.TryGetValue("RayGenFeatureGates", out string? list) ? list.Split(',') : [];
            GeneratorRun run = GeneratorHarness.Run(files, properties, kubernetes: true);
            Assert.Empty(run.CompilationErrors.Select(d => d.ToString()));
            Assembly assembly = GeneratedAssembly.Load(run.Output);
            var texts = files.ToDictionary(f => f.Path.Substring("/project/".Length), f => f.Text);

            var failures = new List<string>();
            int groups = 0;
            foreach (RayClusterInfo cluster in PodFactories.Catalog(assembly))
            {
                var manifest = (JsonObject)YamlJson.Documents(texts[cluster.SourcePath])[cluster.DocumentIndex]!;
                var deploy = new DeployValues(cluster.ClusterName ?? cluster.Name.TrimEnd('-') + "-x7k2p", cluster.Namespace ?? "default");
                System.Type type = PodFactories.ClusterClass(assembly, cluster);
                for (int worker = -1; worker < cluster.WorkerGroups.Count; worker++)
                {
                    RayGroupInfo group = worker < 0 ? cluster.Head : cluster.WorkerGroups[worker];
                    string member = PodFactories.Member(type, cluster, worker);
                    JsonNode? expected = ExpectedPod.Normalize(ExpectedPod.Build(manifest, worker, deploy, gates: gates));
                    JsonNode actual = PodFactories.Json(PodFactories.Call(type, "Create" + member + "PodTemplate", deploy));
                    List<string> differences = JsonTrees.Differences(expected, actual);
                    if (differences.Count > 0)
                    {
                        failures.Add($"{cluster.SourcePath} {group.GroupName}:\n  " + string.Join("\n  ", differences.Take(8)));
                    }

                    groups++;
                }
            }

            Assert.True(failures.Count == 0, failures.Count + " groups differ:\n" + string.Join("\n", failures));
            return groups;
        }
    }
}
