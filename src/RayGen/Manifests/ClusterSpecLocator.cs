using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Manifests
{
    /// <summary>Finds the YAML node of the cluster spec a Ray kind embeds (kuberay-pod-command.md §11).</summary>
    internal static class ClusterSpecLocator
    {
        /// <summary>
        /// Worker groups per cluster (docs/limits.md). A Kubernetes object is at most 1.5 MiB (etcd), which
        /// holds about 10,000 minimal groups; beyond that a cluster is skipped (RAY0195), since every group
        /// costs generated code and per-group checks.
        /// </summary>
        public const int MaxWorkerGroups = 10_000;

        /// <summary>The cluster spec RayGen reads, or null (no spec, or one over <see cref="MaxWorkerGroups"/>).</summary>
        public static YamlNode? ClusterSpec(YamlNode root)
        {
            YamlNode? spec = root.Get("spec");
            YamlNode? cluster = root.Get("kind")?.Value switch
            {
                RayKinds.RayCluster => spec,
                RayKinds.RayJob => spec?.Get("rayClusterSpec"),
                RayKinds.RayService => spec?.Get("rayClusterConfig"),
                RayKinds.RayCronJob => spec?.Get("jobTemplate")?.Get("rayClusterSpec"),
                _ => null,
            };
            return cluster is null || TooManyGroups(cluster) is not null ? null : cluster;
        }

        /// <summary>The <c>workerGroupSpecs</c> entry when it lists more than <see cref="MaxWorkerGroups"/> groups.</summary>
        public static YamlEntry? TooManyGroups(YamlNode clusterSpec) =>
            clusterSpec.GetEntry("workerGroupSpecs") is { Value: { Kind: YamlNodeKind.Sequence, Items.Count: > MaxWorkerGroups } } entry ? entry : null;
    }
}
