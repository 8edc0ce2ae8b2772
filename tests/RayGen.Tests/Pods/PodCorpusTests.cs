using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using RayGen.Tests.Corpus;
using RayGen.Tests.Infrastructure;
using Xunit;

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
            (string Path, string Text)[] files = KubeRaySamplesTests.CorpusFiles();
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
                    JsonNode? expected = ExpectedPod.Normalize(ExpectedPod.Build(manifest, worker, group, deploy));
                    JsonNode actual = PodFactories.Json(PodFactories.Call(type, "Create" + member + "PodTemplate", deploy));
                    List<string> differences = JsonTrees.Differences(expected, actual);
                    if (differences.Count > 0)
                    {
                        failures.Add($"{cluster.SourcePath} {group.GroupName}:\n  " + string.Join("\n  ", differences.Take(8)));
                    }

                    groups++;
                }
            }

            Assert.True(groups > 150, "too few groups: " + groups);
            Assert.True(failures.Count == 0, failures.Count + " groups differ:\n" + string.Join("\n", failures));
        }
    }
}
