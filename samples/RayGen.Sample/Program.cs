using System;
using System.Linq;
using k8s;
using RayGen;
using RayGen.Generated;

// Prints, for every Ray cluster RayGen found in manifests/*.yaml, the Ray container's command and
// args exactly as the KubeRay operator would write them into each pod.
foreach (RayClusterInfo cluster in RayClusters.All)
{
    // Worker addresses need a namespace; these manifests set none, so use "default" like kubectl would.
    string? @namespace = cluster.Namespace;
    Console.WriteLine($"{cluster.Kind} {cluster.Name} ({cluster.SourcePath}), KubeRay {cluster.KubeRayVersion}");
    if (@namespace is null)
    {
        @namespace = "default";
        Console.WriteLine("  (no metadata.namespace in the manifest: assuming namespace \"default\")");
    }

    foreach (RayGroupInfo group in new[] { cluster.Head }.Concat(cluster.WorkerGroups))
    {
        Console.WriteLine($"  group {group.GroupName} ({group.NodeType}), container {group.ContainerName}, image {group.Image}");
        Console.WriteLine($"    command: {Show(group.Command)}");
        Console.WriteLine($"    args:    {Show(group.GetArgs(@namespace: @namespace))}");
    }

    Console.WriteLine();
}

// The whole head pod KubeRay creates for the head-command manifest, ready to compare with
// `kubectl get pod -l ray.io/node-type=head -o yaml` (the manifest sets no namespace, so pass one).
Console.WriteLine("Head pod of raycluster-head-command (namespace \"default\"):");
Console.WriteLine(KubernetesYaml.Serialize(RayClusters.RayclusterHeadCommand.CreateHeadPod(@namespace: "default")));

// Quoting keeps the leading and trailing spaces of each element visible.
static string Show(System.Collections.Generic.IReadOnlyList<string> values) =>
    "[" + string.Join(", ", values.Select(v => "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "]";
