using System.Collections.Generic;
using System.Text;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    /// <summary>Manifests for the group-C rule tests: rayStartParams lines for the head and one worker group 'w'.</summary>
    internal static class ParamManifests
    {
        public static readonly string[] Kinds = { "RayCluster", "RayJob", "RayService", "RayCronJob" };

        /// <summary>The cluster spec body (rayVersion, headGroupSpec, one worker group when <paramref name="worker"/> is given).</summary>
        public static string Spec(
            string? head = null,
            string? worker = null,
            string headContainer = "",
            string workerContainer = "",
            string? rayVersion = "2.52.0",
            string? specExtra = null,
            string? headExtra = null)
        {
            var sb = new StringBuilder();
            if (rayVersion is not null)
            {
                sb.Append("rayVersion: \"").Append(rayVersion).Append("\"\n");
            }

            if (specExtra is not null)
            {
                sb.Append(specExtra.TrimEnd('\n')).Append('\n');
            }

            sb.Append("headGroupSpec:\n").Append(Indent(Group(headContainer, Params(head), extra: headExtra), 2));
            if (worker is not null)
            {
                sb.Append("workerGroupSpecs:\n").Append(Worker("w", Group(workerContainer, Params(worker))));
            }

            return sb.ToString();
        }

        /// <summary>A whole document of <paramref name="kind"/> around <paramref name="spec"/>.</summary>
        public static string Document(string kind, string spec, string? metadataExtra = null)
        {
            var sb = new StringBuilder();
            sb.Append("apiVersion: ray.io/v1\nkind: ").Append(kind).Append("\nmetadata:\n  name: c\n");
            if (metadataExtra is not null)
            {
                sb.Append(Indent(metadataExtra, 2));
            }

            sb.Append("spec:\n");
            switch (kind)
            {
                case "RayJob":
                    sb.Append("  entrypoint: python -c \"print(1)\"\n  rayClusterSpec:\n").Append(Indent(spec, 4));
                    break;
                case "RayService":
                    sb.Append("  rayClusterConfig:\n").Append(Indent(spec, 4));
                    break;
                case "RayCronJob":
                    sb.Append("  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    entrypoint: python -c \"print(1)\"\n    rayClusterSpec:\n").Append(Indent(spec, 6));
                    break;
                default:
                    sb.Append(Indent(spec, 2));
                    break;
            }

            return sb.ToString();
        }

        /// <summary>A RayCluster named 'c' (shorthand).</summary>
        public static string Cluster(string? head = null, string? worker = null, string headContainer = "", string workerContainer = "", string? rayVersion = "2.52.0", string? metadataExtra = null) =>
            Document("RayCluster", Spec(head, worker, headContainer, workerContainer, rayVersion), metadataExtra);

        public static string Params(string? lines) => lines is null ? "{}" : "\n" + Indent(lines, 2).TrimEnd('\n');

        public static Dictionary<string, string> KubeRayVersion(string version) => new() { ["RayGenKubeRayVersion"] = version };

        public const string OverwriteAnnotation = "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n";

        /// <summary>containers[0] of overwrite mode that runs the generated start through eval.</summary>
        public const string EvalStart = "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]";

        /// <summary>containers[0] of overwrite mode that expands the generated start as a plain command (no eval).</summary>
        public const string PlainStart = "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; $KUBERAY_GEN_RAY_START_CMD\"]";

        /// <summary>containers[0] with its own 'ray start' (suppressed mode: KubeRay generates nothing).</summary>
        public const string OwnStart = "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; ray start --head --block\"]";
    }
}
