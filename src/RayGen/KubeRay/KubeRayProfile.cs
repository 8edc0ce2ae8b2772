using System;
using System.Collections.Generic;
using System.Linq;

namespace RayGen.KubeRay
{
    /// <summary>How an operator version fills the <c>block</c> param.</summary>
    internal enum BlockDefault
    {
        /// <summary>Added when missing; a user "false" drops the flag and appends <c>&amp;&amp; sleep infinity</c> (v0.5.0–v1.0.0).</summary>
        AddIfMissing,

        /// <summary>Always overwritten with "true" (v1.1.0+).</summary>
        Forced,
    }

    /// <summary>When <c>dashboard-agent-listen-port=52365</c> is defaulted.</summary>
    internal enum AgentPortDefault
    {
        /// <summary>Only on clusters with annotation <c>ray.io/enableAgentService: "true"</c>, which the RayService controller sets (before v1.1.0).</summary>
        RayServiceOnly,

        /// <summary>On every cluster (v1.1.0+).</summary>
        Always,
    }

    /// <summary>How the Ray container is found in the pod template.</summary>
    internal enum RayContainerSelection
    {
        /// <summary>The first container with env <c>ray: "true"</c>, else index 0 (before v1.0.0).</summary>
        RayEnvMarker,

        /// <summary>Always <c>containers[0]</c> (v1.0.0+).</summary>
        FirstContainer,
    }

    /// <summary>
    /// Everything that differs between KubeRay versions for command, args, env and init containers,
    /// as data: one instance per supported minor version (kuberay-versions.md §1–§4). Code reads the
    /// flags; it never compares version numbers.
    /// </summary>
    internal sealed record KubeRayProfile
    {
        public string Version { get; init; } = string.Empty;

        /// <summary>Bash option of the generated command: "-lc" up to 1.3.x, "-c" from 1.4.0.</summary>
        public string BashOption { get; init; } = string.Empty;

        /// <summary>Whether <c>ENABLE_LOGIN_SHELL=true</c> appends "l" ("-cl"); 1.4.0+.</summary>
        public bool HonorsLoginShellKnob { get; init; }

        public string Ulimit { get; init; } = string.Empty;

        /// <summary>KubeRay sorts flags since 1.3.0; before it iterated a Go map (random order), and RayGen sorts anyway.</summary>
        public bool SortsFlags { get; init; }

        public BlockDefault Block { get; init; }

        public AgentPortDefault AgentPort { get; init; }

        public bool DashboardHostDefault { get; init; }

        /// <summary><c>num-cpus</c> falls back to <c>requests.cpu</c> (1.3.0+).</summary>
        public bool CpuRequestFallback { get; init; }

        /// <summary>GPU keys also match <c>nvidia.com/mig-&lt;n&gt;g.&lt;n&gt;gb</c> (1.4.0+).</summary>
        public bool MigGpuKeys { get; init; }

        /// <summary>TPU / Neuron limits merged into <c>--resources</c> JSON (1.3.0+).</summary>
        public bool AcceleratorResources { get; init; }

        /// <summary>Group-level <c>resources</c> and <c>labels</c> fields (1.5.0+).</summary>
        public bool GroupResourcesAndLabels { get; init; }

        /// <summary>Boolean params that keep <c>=value</c> instead of becoming switches.</summary>
        public IReadOnlyList<string> SpecialBooleanParams { get; init; } = Array.Empty<string>();

        /// <summary><c>ray.io/overwrite-container-cmd</c> and <c>KUBERAY_GEN_RAY_START_CMD</c> (1.1.0+).</summary>
        public bool OverwriteAnnotation { get; init; }

        /// <summary>Head Service name passed through CheckName (v0.5.0–v1.3.x).</summary>
        public bool LegacyHeadServiceNaming { get; init; }

        /// <summary><c>headService.metadata.name</c> is used for the head Service (1.0.0+).</summary>
        public bool CustomHeadServiceName { get; init; }

        /// <summary>
        /// The generated head Service is headless (<c>clusterIP: None</c>) when its type is ClusterIP, unless the
        /// operator env <c>ENABLE_RAY_HEAD_CLUSTER_IP_SERVICE=true</c> (1.2.0+; before, it always had a cluster IP).
        /// </summary>
        public bool HeadlessHeadService { get; init; }

        public RayContainerSelection RayContainer { get; init; }

        /// <summary><c>rayStartParams</c> may be absent (1.4.0+).</summary>
        public bool RayStartParamsOptional { get; init; }

        /// <summary>GCS fault tolerance via <c>gcsFaultToleranceOptions</c> (1.3.0+).</summary>
        public bool GcsFaultToleranceOptions { get; init; }

        /// <summary>Env <c>RAY_CLUSTER_NAMESPACE</c> on Ray containers (1.6.0+).</summary>
        public bool ClusterNamespaceEnv { get; init; }

        /// <summary>Env <c>RAY_CLOUD_INSTANCE_ID</c>, <c>RAY_NODE_TYPE_NAME</c>, head <c>RAY_USAGE_STATS_EXTRA_TAGS</c> (1.1.0+).</summary>
        public bool NodeIdentityEnv { get; init; }

        /// <summary>Env <c>REDIS_PASSWORD</c> appended to every Ray container, empty if no param (before 1.3.0).</summary>
        public bool LegacyRedisPasswordEnv { get; init; }

        /// <summary>Env <c>RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE=1</c> (0.6.0+).</summary>
        public bool DiskUsageEnv { get; init; }

        /// <summary>
        /// The <c>wait-gcs-ready</c> script with <c>{0}</c> standing for <c>FQDN:port</c>; <c>null</c> where the
        /// spec does not give the exact text (the one-line loop of v0.5.x).
        /// </summary>
        public string? WaitGcsReadyScript { get; init; }

        /// <summary>Init container resources fixed at 200m / 256Mi (1.0.0+); before: copied from the Ray container.</summary>
        public bool FixedInitContainerResources { get; init; }

        // ---- pod factories (kuberay-pod-command.md §7–§10; kuberay-versions.md §4) ----

        /// <summary>Liveness/readiness probes with the text of §9.3 (only the 1.7 text is specified).</summary>
        public bool ProbeInjection { get; init; }

        /// <summary>Token auth env (§7.1 item 4) on Ray, wait-gcs-ready and autoscaler containers (specified for 1.7).</summary>
        public bool TokenAuthEnv { get; init; }

        /// <summary>TLS env (§7.1 item 5) under the RayClusterMTLS gate with <c>tlsOptions.enabled</c> (1.7.0+).</summary>
        public bool TlsEnv { get; init; }

        /// <summary>History collector env (§7.1 item 19) under the RayClusterHistoryServer gate with <c>collectorOptions</c> (1.7.0+).</summary>
        public bool HistoryCollectorEnv { get; init; }

        /// <summary>Replica index / name / host labels on workers under the RayMultiHostIndexing gate (1.7).</summary>
        public bool ReplicaLabels { get; init; }

        /// <summary>User labels cannot override <c>ray.io/node-type</c>, <c>ray.io/group</c>, <c>ray.io/cluster</c> (1.3.0+).</summary>
        public bool ProtectedBaseLabels { get; init; }

        /// <summary>Label <c>ray.io/cluster-dashboard: &lt;cluster&gt;-dashboard</c> (v0.5.x).</summary>
        public bool ClusterDashboardLabel { get; init; }

        /// <summary><c>/dev/shm</c> size: memory limit first, request as fallback (1.3.0+); before, request first.</summary>
        public bool ShmSizeLimitFirst { get; init; }

        /// <summary><c>/dev/shm</c> skipped when <c>rayStartParams</c> has <c>plasma-directory</c> (1.6.0+).</summary>
        public bool PlasmaDirectorySkipsShm { get; init; }

        /// <summary>Autoscaler env <c>KUBERAY_GEN_AUTOSCALER_START_CMD</c> and command/args overrides (1.7.0+).</summary>
        public bool AutoscalerStartCommand { get; init; }

        /// <summary>Value of <c>KUBERAY_VERSION</c> in <c>RAY_USAGE_STATS_EXTRA_TAGS</c>.</summary>
        public string VersionTag => "v" + Version;

        public bool Equals(KubeRayProfile? other) => other is not null && other.Version == Version;

        public override int GetHashCode() => Version.GetHashCode();
    }
}
