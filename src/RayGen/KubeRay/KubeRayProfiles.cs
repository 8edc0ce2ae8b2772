using System;
using System.Collections.Generic;
using System.Linq;

namespace RayGen.KubeRay
{
    /// <summary>
    /// The supported KubeRay versions, newest first, written as a changelog: each older profile is the
    /// next newer one minus what that release introduced (kuberay-versions.md §1).
    /// </summary>
    internal static class KubeRayProfiles
    {
        public const string DefaultVersion = "1.7.0";

        // The v0.6.0+ multi-line loop. KubeRay indents it with tabs inside a Go raw string, so the tabs
        // and the final newline + four tabs are part of the text; {0} is "FQDN:port".
        private const string ScriptHead =
            "\n\t\t\t\t\tSECONDS=0\n\t\t\t\t\twhile true; do\n\t\t\t\t\t\tif (( SECONDS <= 120 )); then\n" +
            "\t\t\t\t\t\t\tif ray health-check --address {0} > /dev/null 2>&1; then\n" +
            "\t\t\t\t\t\t\t\techo \"GCS is ready.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n" +
            "\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Waiting for GCS to be ready.\"\n" +
            "\t\t\t\t\t\telse\n\t\t\t\t\t\t\tif ray health-check --address {0}; then\n" +
            "\t\t\t\t\t\t\t\techo \"GCS is ready. Any error messages above can be safely ignored.\"\n" +
            "\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n" +
            "\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Still waiting for GCS to be ready. For troubleshooting, refer to the FAQ at ";

        private const string ScriptTail = ".\"\n\t\t\t\t\t\tfi\n\t\t\t\t\t\tsleep 5";
        private const string ScriptEnd = "\n\t\t\t\t\tdone\n\t\t\t\t";
        private const string DocsFaq = "https://docs.ray.io/en/master/cluster/kubernetes/troubleshooting.html";
        private const string GitHubFaq = "https://github.com/ray-project/kuberay/blob/master/docs/guidance/FAQ.md";

        private static readonly KubeRayProfile V1_7 = new()
        {
            Version = "1.7.0",
            BashOption = "-c",
            HonorsLoginShellKnob = true,
            Ulimit = "ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}",
            SortsFlags = true,
            Block = BlockDefault.Forced,
            AgentPort = AgentPortDefault.Always,
            DashboardHostDefault = true,
            CpuRequestFallback = true,
            MigGpuKeys = true,
            AcceleratorResources = true,
            GroupResourcesAndLabels = true,
            SpecialBooleanParams = new[] { "log-color", "include-dashboard", "include-log-monitor" },
            OverwriteAnnotation = true,
            LegacyHeadServiceNaming = false,
            CustomHeadServiceName = true,
            HeadlessHeadService = true,
            RayContainer = RayContainerSelection.FirstContainer,
            RayStartParamsOptional = true,
            GcsFaultToleranceOptions = true,
            ClusterNamespaceEnv = true,
            NodeIdentityEnv = true,
            LegacyRedisPasswordEnv = false,
            DiskUsageEnv = true,
            WaitGcsReadyScript = ScriptHead + DocsFaq + ScriptTail + ScriptEnd,
            FixedInitContainerResources = true,
            ProbeInjection = true,
            TokenAuthEnv = true,
            TlsEnv = true,
            HistoryCollectorEnv = true,
            ReplicaLabels = true,
            ProtectedBaseLabels = true,
            ClusterDashboardLabel = false,
            ShmSizeLimitFirst = true,
            PlasmaDirectorySkipsShm = true,
            AutoscalerStartCommand = true,
        };

        // 1.7.0 added the RAY_START_ULIMIT_OPEN_FILES override, include-log-monitor, the autoscaler
        // start command, tlsOptions (RayClusterMTLS) and the history collector (RayClusterHistoryServer).
        // Probe text, token auth and replica labels are only specified for 1.7, so the older profiles
        // leave them out (docs/pod-factories.md).
        private static readonly KubeRayProfile V1_6 = V1_7 with
        {
            Version = "1.6.0",
            Ulimit = "ulimit -n 65536",
            SpecialBooleanParams = new[] { "log-color", "include-dashboard" },
            ProbeInjection = false,
            TokenAuthEnv = false,
            TlsEnv = false,
            HistoryCollectorEnv = false,
            ReplicaLabels = false,
            AutoscalerStartCommand = false,
        };

        // 1.6.0 added RAY_CLUSTER_NAMESPACE.
        private static readonly KubeRayProfile V1_5 = V1_6 with { Version = "1.5.0", ClusterNamespaceEnv = false, PlasmaDirectorySkipsShm = false };

        // 1.5.0 added group resources/labels and the docs.ray.io FAQ link.
        private static readonly KubeRayProfile V1_4 = V1_5 with
        {
            Version = "1.4.0",
            GroupResourcesAndLabels = false,
            WaitGcsReadyScript = ScriptHead + GitHubFaq + ScriptTail + ScriptEnd,
        };

        // 1.4.0 switched to "bash -c" (login shell optional), MIG keys, untruncated head Service names,
        // optional rayStartParams.
        private static readonly KubeRayProfile V1_3 = V1_4 with
        {
            Version = "1.3.0",
            BashOption = "-lc",
            HonorsLoginShellKnob = false,
            MigGpuKeys = false,
            LegacyHeadServiceNaming = true,
            RayStartParamsOptional = false,
        };

        // 1.3.0 sorted the flags, added the cpu request fallback, accelerators, gcsFaultToleranceOptions,
        // and stopped appending REDIS_PASSWORD everywhere.
        private static readonly KubeRayProfile V1_2 = V1_3 with
        {
            Version = "1.2.0",
            SortsFlags = false,
            CpuRequestFallback = false,
            AcceleratorResources = false,
            GcsFaultToleranceOptions = false,
            LegacyRedisPasswordEnv = true,
            ProtectedBaseLabels = false,
            ShmSizeLimitFirst = false,
        };

        // 1.2.0 removed the two tabs after "sleep 5" and made the head Service headless.
        private static readonly KubeRayProfile V1_1 = V1_2 with
        {
            Version = "1.1.0",
            HeadlessHeadService = false,
            WaitGcsReadyScript = ScriptHead + GitHubFaq + ScriptTail + "\t\t" + ScriptEnd,
        };

        // 1.1.0 forced block, defaulted the agent port everywhere, added the overwrite annotation,
        // KUBERAY_GEN_RAY_START_CMD and the node identity env.
        private static readonly KubeRayProfile V1_0 = V1_1 with
        {
            Version = "1.0.0",
            Block = BlockDefault.AddIfMissing,
            AgentPort = AgentPortDefault.RayServiceOnly,
            OverwriteAnnotation = false,
            NodeIdentityEnv = false,
        };

        // 1.0.0 fixed the Ray container at index 0, honored custom head Service names and fixed the
        // init container resources.
        private static readonly KubeRayProfile V0_6 = V1_0 with
        {
            Version = "0.6.0",
            RayContainer = RayContainerSelection.RayEnvMarker,
            CustomHeadServiceName = false,
            FixedInitContainerResources = false,
        };

        // 0.6.0 introduced the multi-line wait script and the disk usage env.
        private static readonly KubeRayProfile V0_5 = V0_6 with
        {
            Version = "0.5.2",
            DiskUsageEnv = false,
            WaitGcsReadyScript = null,
            ClusterDashboardLabel = true,
        };

        /// <summary>Newest first.</summary>
        public static IReadOnlyList<KubeRayProfile> All { get; } =
            new[] { V1_7, V1_6, V1_5, V1_4, V1_3, V1_2, V1_1, V1_0, V0_6, V0_5 };

        public static KubeRayProfile Default => V1_7;

        /// <summary>
        /// Finds the profile for "1.3", "1.3.0", "v1.3.2" (the patch is ignored). Pre-release tags,
        /// unknown minors and garbage give <c>null</c>.
        /// </summary>
        public static KubeRayProfile? Find(string? text)
        {
            if (text is null)
            {
                return null;
            }

            string value = text.Trim();
            if (value.StartsWith("v", StringComparison.Ordinal) || value.StartsWith("V", StringComparison.Ordinal))
            {
                value = value.Substring(1);
            }

            string[] parts = value.Split('.');
            if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || !p.All(c => c >= '0' && c <= '9')))
            {
                return null;
            }

            string minor = parts[0].TrimStart('0').PadLeft(1, '0') + "." + parts[1].TrimStart('0').PadLeft(1, '0');
            return All.FirstOrDefault(p => p.Version.StartsWith(minor + ".", StringComparison.Ordinal));
        }

        /// <summary>The accepted spellings, for messages.</summary>
        public static string Supported => string.Join(", ", All.Select(p => p.Version.Substring(0, p.Version.LastIndexOf('.'))));
    }
}
