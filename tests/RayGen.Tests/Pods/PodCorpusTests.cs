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
        [SkippableFact]
        public void EveryGroupOfEveryManifestIsTheTemplatePlusTheSpecsInjections()
        {
            int groups = AssertFactoriesFollowTheSpec(KubeRaySamplesTests.CorpusFiles());
            Assert.True(groups > 150, "too few groups: " + groups);
        }

        /// <summary>The project's own manifests: the samples and cases the corpus does not have.</summary>
        [Fact]
        public void OwnManifestsAreTheTemplatePlusTheSpecsInjections()
        {
            string samples = Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests");
            var files = Directory.GetFiles(samples, "*.yaml").OrderBy(p => p, System.StringComparer.Ordinal)
                .Select(p => ("/project/manifests/" + Path.GetFileName(p), File.ReadAllText(p)))
                .Concat(OwnCases.Select((yaml, i) => ($"/project/own/case{i}.yaml", yaml)))
                .ToArray();
            Assert.Equal(OwnCases.Length * 2 + 3, AssertFactoriesFollowTheSpec(files)); // the samples: head-command (head), sample (head, worker)
        }

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
        };

        private static int AssertFactoriesFollowTheSpec((string Path, string Text)[] files)
        {
            GeneratorRun run = GeneratorHarness.Run(files, kubernetes: true);
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
                    JsonNode? expected = ExpectedPod.Normalize(ExpectedPod.Build(manifest, worker, deploy));
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
