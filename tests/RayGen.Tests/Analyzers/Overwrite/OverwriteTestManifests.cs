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
    }
}
