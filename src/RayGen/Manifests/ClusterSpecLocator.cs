using System.Collections.Generic;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Manifests
{
    /// <summary>Finds the YAML node of the cluster spec a Ray kind embeds (kuberay-pod-command.md §11).</summary>
    internal static class ClusterSpecLocator
    {
        public static YamlNode? ClusterSpec(YamlNode root)
        {
            YamlNode? spec = root.Get("spec");
            return root.Get("kind")?.Value switch
            {
                RayKinds.RayCluster => spec,
                RayKinds.RayJob => spec?.Get("rayClusterSpec"),
                RayKinds.RayService => spec?.Get("rayClusterConfig"),
                RayKinds.RayCronJob => spec?.Get("jobTemplate")?.Get("rayClusterSpec"),
                _ => null,
            };
        }

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
