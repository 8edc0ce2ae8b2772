using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>Builds <see cref="GroupArgs"/> for every group of every Ray document of a file.</summary>
    internal static class GroupArgsReader
    {
        private const string OverwriteKey = "ray.io/overwrite-container-cmd";

        public static IReadOnlyList<GroupArgs> Read(string text, YamlReadResult yaml, IEnumerable<ManifestModel> manifests, OperatorSettings settings)
        {
            var result = new List<GroupArgs>();
            foreach (ManifestModel manifest in manifests)
            {
                if (!manifest.IsRayKind || manifest.Cluster is not { } cluster
                    || yaml.Documents.FirstOrDefault(d => d.Index == manifest.DocumentIndex)?.Root is not { } root
                    || ClusterSpecLocator.ClusterSpec(root) is not { Kind: YamlNodeKind.Mapping } spec
                    || ClusterBuilder.Build(manifest, string.Empty, settings, pods: false) is not { } output)
                {
                    continue;
                }

                YamlNode? clusterAnnotation = manifest.Kind == RayKinds.RayCronJob ? null : OverwriteNode(root.Get("metadata"));
                if (spec.Get("headGroupSpec") is { Kind: YamlNodeKind.Mapping } headNode)
                {
                    result.Add(Create(text, manifest, cluster.Head, output.Head, headNode, clusterAnnotation, settings.Profile));
                }

                IEnumerable<YamlNode> workerNodes = spec.Get("workerGroupSpecs") is { Kind: YamlNodeKind.Sequence } list
                    ? list.Items.Where(i => i.Kind == YamlNodeKind.Mapping && i.Get("groupName") is { Kind: YamlNodeKind.Scalar, IsNull: false })
                    : Enumerable.Empty<YamlNode>();
                var remaining = new Queue<YamlNode>(workerNodes);
                for (int i = 0; i < cluster.Workers.Count && remaining.Count > 0; i++)
                {
                    // The reader keeps valid worker groups in order; skip YAML groups it dropped.
                    while (remaining.Count > 0 && remaining.Peek().Get("groupName")!.Value != cluster.Workers[i].GroupName)
                    {
                        remaining.Dequeue();
                    }

                    if (remaining.Count > 0)
                    {
                        result.Add(Create(text, manifest, cluster.Workers[i], output.Workers[i], remaining.Dequeue(), clusterAnnotation, settings.Profile));
                    }
                }
            }

            return result;
        }

        private static GroupArgs Create(
            string text,
            ManifestModel manifest,
            GroupModel group,
            GroupOutputModel output,
            YamlNode groupNode,
            YamlNode? clusterAnnotation,
            KubeRayProfile profile)
        {
            ContainerModel container = ClusterBuilder.RayContainer(group, profile);
            int containerIndex = IndexOf(group, container);
            YamlNode? template = groupNode.Get("template");
            YamlNode? containerNode = template?.Get("spec")?.Get("containers") is { Kind: YamlNodeKind.Sequence } containers
                ? containers.Items.Where(c => c.Kind == YamlNodeKind.Mapping).ElementAtOrDefault(containerIndex)
                : null;

            var elements = new List<ArgElement>();
            var joined = new System.Text.StringBuilder();
            foreach (bool isCommand in new[] { true, false })
            {
                if (containerNode?.Get(isCommand ? "command" : "args") is not { Kind: YamlNodeKind.Sequence } list)
                {
                    continue;
                }

                int index = 0;
                foreach (YamlNode item in list.Items.Where(i => i.Kind == YamlNodeKind.Scalar))
                {
                    joined.Append(' ');
                    elements.Add(new ArgElement(item, isCommand, index++, joined.Length, ScalarSourceMap.Create(item, text)));
                    joined.Append(item.Value).Append(' ');
                }
            }

            YamlNode? overwrite = profile.OverwriteAnnotation
                ? OverwriteNode(template?.Get("metadata")) ?? clusterAnnotation
                : null;
            string finalArgs = output.IsCommandGenerated && output.Args.Count == 1
                ? GroupArgs.Render(output.Args[0], manifest, profile)
                : joined.ToString();
            return new GroupArgs(manifest, group, output, groupNode, containerNode, elements, joined.ToString(), finalArgs, overwrite, profile);
        }

        private static int IndexOf(GroupModel group, ContainerModel container)
        {
            for (int i = 0; i < group.Containers.Count; i++)
            {
                if (ReferenceEquals(group.Containers[i], container))
                {
                    return i;
                }
            }

            return 0;
        }

        /// <summary>The annotation's value node when it turns overwrite on ("true", any case).</summary>
        private static YamlNode? OverwriteNode(YamlNode? metadata) =>
            metadata?.Get("annotations")?.Get(OverwriteKey) is { Kind: YamlNodeKind.Scalar } value
            && string.Equals(value.Value, "true", StringComparison.OrdinalIgnoreCase)
                ? value
                : null;
    }
}
