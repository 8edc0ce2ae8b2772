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
    }
}
