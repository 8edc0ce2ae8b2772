using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    /// <summary>Manifests with hooks, volumes and ConfigMaps for the group F / RAY0008 tests.</summary>
    internal static class HookManifests
    {
        /// <summary>A group whose Ray container has <paramref name="container"/> and whose pod spec also has <paramref name="pod"/> (volumes, initContainers …).</summary>
        public static string PodGroup(string container, string? pod = null, string rayStartParams = "{}", string? templateMetadata = null) =>
            Group(container, rayStartParams, templateMetadata: templateMetadata) + (pod is null ? string.Empty : Indent(pod, 4));

        /// <summary>A RayCluster whose head has the given container (and pod extras).</summary>
        public static string Head(string container, string? pod = null, string? metadataExtra = null) =>
            RayCluster("c", PodGroup(container, pod), metadataExtra: metadataExtra);

        /// <summary>A RayCluster whose only worker group has the given container (the head is plain).</summary>
        public static string WorkerCluster(string container, string? pod = null) =>
            RayCluster("c", Group(string.Empty), Worker("w", PodGroup(container, pod)));

        /// <summary><c>lifecycle.postStart.exec.command</c> with the given YAML value.</summary>
        public static string PostStart(string command) => "lifecycle:\n  postStart:\n    exec:\n      command: " + command + "\n";

        /// <summary>A volumeMount of volume <c>scripts</c> at /home/ray/samples.</summary>
        public const string SamplesMount = "volumeMounts:\n- mountPath: /home/ray/samples\n  name: scripts\n";

        /// <summary>The pod volume <c>scripts</c> from ConfigMap <paramref name="name"/> (extra YAML goes under configMap).</summary>
        public static string ConfigMapVolume(string name = "ray-example", string? extra = null) =>
            "volumes:\n- name: scripts\n  configMap:\n    name: " + name + "\n" + (extra is null ? string.Empty : Indent(extra, 4));

        /// <summary>A ConfigMap document (preceded by <c>---</c>) whose keys hold literal block scripts.</summary>
        public static string ConfigMap(string name, params (string Key, string Script)[] data) => ConfigMapIn(null, name, data);

        public static string ConfigMapIn(string? ns, string name, params (string Key, string Script)[] data)
        {
            string text = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n" + (ns is null ? string.Empty : "  namespace: " + ns + "\n") + "data:\n";
            foreach (var (key, script) in data)
            {
                text += "  " + key + ": |\n" + Indent(script, 4);
            }

            return text;
        }

        /// <summary>The KubeRay sample ray-cluster.head-command.yaml as shipped (postStart runs a script that waits with a while loop).</summary>
        public const string HeadCommandSample = @"apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: raycluster-head-command
spec:
  rayVersion: ""2.52.0""
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        containers:
        - name: ray-head
          image: rayproject/ray:2.52.0
          command: [""echo 123""]
          args: [""456""]
          lifecycle:
            postStart:
              exec:
                command: [""/bin/sh"", ""-c"", ""/home/ray/samples/ray_cluster_resources.sh""]
          volumeMounts:
          - mountPath: /home/ray/samples
            name: ray-example-configmap
        volumes:
        - name: ray-example-configmap
          configMap:
            name: ray-example
            defaultMode: 0777
            items:
            - key: ray_cluster_resources.sh
              path: ray_cluster_resources.sh
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ray-example
data:
  ray_cluster_resources.sh: |
    #!/bin/bash

    # wait for ray cluster to finish initialization
    while true; do
        ray health-check 2>/dev/null
        if [ ""$?"" = ""0"" ]; then
            break
        else
            echo ""INFO: waiting for ray head to start""
            sleep 1
        fi
    done

    # Print the resources in the ray cluster after the cluster is ready.
    python -c ""import ray; ray.init(); print(ray.cluster_resources())""

    echo ""INFO: Print Ray cluster resources""
";

        /// <summary>The same cluster spec in the RayJob, RayService and RayCronJob wrappers (the head group YAML is indented for each).</summary>
        public static IEnumerable<string> Wrappers(string headGroup, string? trailer = null)
        {
            string t = trailer ?? string.Empty;
            yield return RayCluster("c", headGroup) + t;
            yield return "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: j\nspec:\n  entrypoint: python x.py\n  rayClusterSpec:\n    headGroupSpec:\n" + Indent(headGroup, 6) + t;
            yield return "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: s\nspec:\n  rayClusterConfig:\n    headGroupSpec:\n" + Indent(headGroup, 6) + t;
            yield return "apiVersion: ray.io/v1\nkind: RayCronJob\nmetadata:\n  name: cj\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    entrypoint: python x.py\n    rayClusterSpec:\n      headGroupSpec:\n" + Indent(headGroup, 8) + t;
        }

        /// <summary>The YAML without RuleVerifier markup (<c>{|RAY0001:</c> … <c>|}</c>).</summary>
        public static string Strip(string markup) => System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|[A-Za-z0-9]+:|\|\}", string.Empty);

        /// <summary>The text a location covers in <paramref name="yaml"/> (markup is stripped first).</summary>
        public static string TextAt(string yaml, Location location) =>
            Strip(yaml).Substring(location.SourceSpan.Start, location.SourceSpan.Length);

        /// <summary>Runs all analyzers over several files and returns the diagnostics of <paramref name="id"/> as "file(line,col): message".</summary>
        public static Diagnostic[] AnalyzeFiles(string id, IDictionary<string, string>? properties, params (string Path, string Text)[] files)
        {
            var all = GeneratorHarness.Analyze(files, properties);
            Assert.DoesNotContain(all, d => d.Id is "AD0001" or "RAY0199");
            return all.Where(d => d.Id == id).ToArray();
        }
    }
}
