using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RayGen.Tests.Infrastructure;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Robustness
{
    /// <summary>The texts the fuzzer mutates: the sample's manifests, the tests' manifest builders, and the KubeRay corpus where present.</summary>
    internal static class FuzzSeeds
    {
        public static IReadOnlyList<(string Name, string Text)> All()
        {
            var seeds = new List<(string, string)>();
            string samples = Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests");
            seeds.AddRange(Directory.GetFiles(samples, "*.yaml").OrderBy(p => p, StringComparer.Ordinal).Select(p => ("sample/" + Path.GetFileName(p), File.ReadAllText(p))));
            seeds.AddRange(Built());
            if (Directory.Exists(RepoPaths.Corpus))
            {
                seeds.AddRange(Directory.GetFiles(RepoPaths.Corpus, "*.yaml").OrderBy(p => p, StringComparer.Ordinal).Select(p => ("corpus/" + Path.GetFileName(p), File.ReadAllText(p))));
            }

            return seeds;
        }

        private static IEnumerable<(string, string)> Built()
        {
            string container = Resources("2", "4Gi") + "command: [\"python\", \"-c\"]\nargs:\n- |\n  print('hi')\nenv:\n- name: A\n  value: \"1\"\n- name: B\n  valueFrom: {fieldRef: {fieldPath: metadata.name}}\nvolumeMounts:\n- mountPath: /tmp/ray\n  name: logs\n";
            string head = Group(container, rayStartParams: "{num-cpus: \"2\", dashboard-host: 0.0.0.0}", templateMetadata: "annotations:\n  ray.io/overwrite-container-cmd: \"false\"\n");
            string workers = Worker("small", Group(container, extra: "replicas: 1\nresources: {CPU: \"1\"}\nlabels: {zone: a}")) + Worker("gpu", Group(Resources("4", "8Gi")));
            string cluster = RayCluster("fuzz", head, workers, metadataExtra: "namespace: team\nannotations:\n  ray.io/enableAgentService: \"true\"\n", specExtra: "enableInTreeAutoscaling: true\nautoscalerOptions:\n  version: v2\n");
            string spec = cluster.Substring(cluster.IndexOf("spec:\n", StringComparison.Ordinal) + "spec:\n".Length);

            yield return ("built/raycluster.yaml", cluster);
            yield return ("built/rayjob.yaml", Wrapped("RayJob", "entrypoint: python x.py\nrayClusterSpec:\n", spec, 2));
            yield return ("built/rayservice.yaml", Wrapped("RayService", "serveConfigV2: |\n  applications: []\nrayClusterConfig:\n", spec, 2));
            yield return ("built/raycronjob.yaml", Wrapped("RayCronJob", "schedule: \"0 * * * *\"\njobTemplate:\n  entrypoint: python x.py\n  rayClusterSpec:\n", spec, 4));
            yield return ("built/v1alpha1.yaml", cluster.Replace("ray.io/v1\n", "ray.io/v1alpha1\n"));
            yield return ("built/anchors.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: scripts}\ndata:\n  run.sh: echo hi\n---\n"
                + "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: anchored}\nspec:\n  headGroupSpec:\n    rayStartParams: &params {num-cpus: \"1\"}\n"
                + "    template: &template\n      spec:\n        containers: [{name: ray, image: rayproject/ray:2.52.0, args: [\"sleep 1\"]}]\n"
                + "  workerGroupSpecs:\n  - groupName: a\n    rayStartParams: {<<: *params, block: \"true\"}\n    template: *template\n");
        }

        private static string Wrapped(string kind, string specPrefix, string clusterSpec, int indent) =>
            $"apiVersion: ray.io/v1\nkind: {kind}\nmetadata:\n  name: fuzz-{kind.ToLowerInvariant()}\nspec:\n" + Indent(specPrefix, 2) + Indent(clusterSpec, indent);
    }
}
