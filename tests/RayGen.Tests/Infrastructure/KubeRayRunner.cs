using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Runs the domain code (no Roslyn) from YAML text to the operator's output.</summary>
    internal static class KubeRayRunner
    {
        public static IReadOnlyList<ClusterOutputModel> Build(
            string yaml,
            string version = "1.7",
            bool loginShell = false,
            bool initInjection = true,
            string domain = "cluster.local")
        {
            KubeRayProfile profile = KubeRayProfiles.Find(version) ?? throw new ArgumentException("unknown version " + version);
            var settings = new OperatorSettings(profile, domain, loginShell, initInjection, true, FeatureGates.None);
            return ManifestFile.Read(yaml, null, CancellationToken.None)
                .Select(m => ClusterBuilder.Build(m, "test.yaml", settings, pods: false))
                .Where(c => c is not null)
                .Select(c => c!)
                .ToArray();
        }

        public static ClusterOutputModel Single(string yaml, string version = "1.7", bool loginShell = false) =>
            Build(yaml, version, loginShell).Single();

        /// <summary>Renders a template for a cluster deployed as <paramref name="clusterName"/> in <paramref name="ns"/>.</summary>
        public static string Render(TextTemplate template, string clusterName, string ns, bool legacy = false) =>
            template.Render(RayGen.Internal.KubeRayNaming.HeadServiceName(clusterName, legacy), ns);

        public static string Args(GroupOutputModel group, string clusterName = "c", string ns = "default", bool legacy = false) =>
            Render(group.Args.Single(), clusterName, ns, legacy);

        public static string RayStart(GroupOutputModel group, string clusterName = "c", string ns = "default", bool legacy = false) =>
            Render(group.RayStartCommand, clusterName, ns, legacy);
    }
}
