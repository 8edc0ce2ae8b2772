using System.Collections.Generic;
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

        /// <summary>The cluster spec maps of a file's Ray documents (<c>ray.io</c> API versions), with their apiVersion.</summary>
        public static IEnumerable<(string ApiVersion, YamlNode Spec)> ClusterSpecs(YamlReadResult yaml)
        {
            foreach (YamlDocument document in yaml.Documents)
            {
                if (document.Root is { Kind: YamlNodeKind.Mapping } root
                    && root.Get("apiVersion")?.Value is { } apiVersion
                    && RayKinds.IsRayApiVersion(apiVersion)
                    && ClusterSpec(root) is { Kind: YamlNodeKind.Mapping } spec)
                {
                    yield return (apiVersion, spec);
                }
            }
        }

        /// <summary>The head group (keyed by its field name) and each worker group (keyed by its groupName node).</summary>
        public static IEnumerable<YamlEntry> Groups(YamlNode spec)
        {
            if (spec.GetEntry("headGroupSpec") is { } head)
            {
                yield return head;
            }

            if (spec.Get("workerGroupSpecs") is { Kind: YamlNodeKind.Sequence } workers)
            {
                foreach (YamlNode worker in workers.Items)
                {
                    if (worker.Kind == YamlNodeKind.Mapping)
                    {
                        yield return new YamlEntry(worker.Get("groupName") ?? worker, worker);
                    }
                }
            }
        }
    }
}
