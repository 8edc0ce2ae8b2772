using System.Text;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Builds small RayCluster manifests for tests.</summary>
    internal static class Manifests
    {
        /// <summary>A RayCluster with a head group (and optional worker groups), each as raw YAML lines.</summary>
        public static string RayCluster(string name, string head, string? workers = null, string? metadataExtra = null, string? specExtra = null)
        {
            var builder = new StringBuilder();
            builder.Append("apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: ").Append(name).Append('\n');
            if (metadataExtra is not null)
            {
                builder.Append(Indent(metadataExtra, 2));
            }

            builder.Append("spec:\n  rayVersion: \"2.52.0\"\n");
            if (specExtra is not null)
            {
                builder.Append(Indent(specExtra, 2));
            }

            builder.Append("  headGroupSpec:\n").Append(Indent(head, 4));
            if (workers is not null)
            {
                builder.Append("  workerGroupSpecs:\n").Append(Indent(workers, 2));
            }

            return builder.ToString();
        }

        /// <summary>A group body: rayStartParams, and a template whose first container has the given YAML.</summary>
        public static string Group(string container, string rayStartParams = "{}", string? extra = null, string? templateMetadata = null)
        {
            var builder = new StringBuilder();
            builder.Append("rayStartParams: ").Append(rayStartParams).Append('\n');
            if (extra is not null)
            {
                builder.Append(extra.TrimEnd('\n')).Append('\n');
            }

            builder.Append("template:\n");
            if (templateMetadata is not null)
            {
                builder.Append("  metadata:\n").Append(Indent(templateMetadata, 4));
            }

            builder.Append("  spec:\n    containers:\n    - name: ray\n      image: rayproject/ray:2.52.0\n").Append(Indent(container, 6));
            return builder.ToString();
        }

        /// <summary>One worker group list item.</summary>
        public static string Worker(string groupName, string group) => "- groupName: " + groupName + "\n" + Indent(group, 2);

        public static string Resources(string cpu, string memory) =>
            $"resources:\n  limits:\n    cpu: \"{cpu}\"\n    memory: \"{memory}\"\n";

        public static string Indent(string text, int spaces)
        {
            var builder = new StringBuilder();
            foreach (string line in text.TrimEnd('\n').Split('\n'))
            {
                builder.Append(line.Length == 0 ? string.Empty : new string(' ', spaces) + line).Append('\n');
            }

            return builder.ToString();
        }
    }
}
