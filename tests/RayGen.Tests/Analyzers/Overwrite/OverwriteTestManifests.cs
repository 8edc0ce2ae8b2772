using System.Collections.Generic;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    /// <summary>Manifests for the group B tests.</summary>
    internal static class OverwriteTestManifests
    {
        public const string Annotation = "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n";

        public const string BashC = "command: [\"/bin/bash\", \"-c\", \"--\"]\n";

        /// <summary>A RayCluster with the overwrite annotation whose head container has <paramref name="container"/>.</summary>
        public static string OverwriteCluster(string container, string rayStartParams = "{}", string? workers = null) =>
            RayCluster("c", Group(container, rayStartParams), workers, metadataExtra: Annotation);

        /// <summary>Overwrite mode running <paramref name="script"/> with <c>/bin/bash -c --</c>.</summary>
        public static string OverwriteScript(string script, string rayStartParams = "{}") =>
            OverwriteCluster(BashC + "args: [" + script + "]\n", rayStartParams);

        public static Dictionary<string, string> Version(string version) => new() { ["RayGenKubeRayVersion"] = version };

        /// <summary>
        /// Overwrite mode with <paramref name="container"/> (its command/args), the volume <c>scripts</c> mounted at
        /// /home/ray/samples from ConfigMap <c>ray-example</c> (mode 0755 unless <paramref name="volumeExtra"/> says
        /// otherwise), and that ConfigMap with the given scripts in the same file.
        /// </summary>
        public static string OverwriteWithScripts(string container, string? volumeExtra = "defaultMode: 0755", params (string Key, string Script)[] scripts) =>
            ScriptsCluster(container, Annotation, volumeExtra, scripts);

        /// <summary>Like <see cref="OverwriteWithScripts"/>; <paramref name="metadataExtra"/> null is suppressed (not overwrite) mode.</summary>
        public static string ScriptsCluster(string container, string? metadataExtra, string? volumeExtra, params (string Key, string Script)[] scripts) =>
            Hooks.HookManifests.Head(container.TrimEnd('\n') + "\n" + Hooks.HookManifests.SamplesMount, Hooks.HookManifests.ConfigMapVolume(extra: volumeExtra), metadataExtra)
            + (scripts.Length == 0 ? string.Empty : Hooks.HookManifests.ConfigMap("ray-example", scripts));
    }
}
