using RayGen.Helpers;

// Models of the incremental pipeline. Every type here is a cache key: it must be immutable and
// compare by value (records, strings, numbers, EquatableArray), and must never hold Roslyn symbols,
// locations, SourceText or YAML nodes. Spans are left out on purpose, so that an edit that only moves
// text (a comment, blank lines) yields an equal model and stops the pipeline there.
namespace RayGen.Model
{
    internal sealed record KeyValue(string Key, string Value);

    /// <summary>A user env var: a literal <c>value</c>, or <c>valueFrom</c> (kept opaque).</summary>
    internal sealed record EnvVarModel(string Name, string? Value, bool IsValueFrom);

    /// <summary>What RayGen needs of a container of a group's pod template.</summary>
    internal sealed record ContainerModel(
        string Name,
        string? Image,
        string? ImagePullPolicy,
        EquatableArray<string> Command,
        EquatableArray<string> Args,
        EquatableArray<EnvVarModel> Env,
        EquatableArray<KeyValue> Limits,
        EquatableArray<KeyValue> Requests,
        EquatableArray<string> VolumeMountPaths);

    /// <summary>A head or worker group as written in the manifest.</summary>
    /// <param name="RayStartParams"><c>null</c> when <c>rayStartParams</c> is missing or null.</param>
    /// <param name="Template">The whole pod <c>template</c>, for the pod factories.</param>
    /// <param name="NumOfHosts">Worker <c>numOfHosts</c> (1 when absent).</param>
    internal sealed record GroupModel(
        string GroupName,
        bool IsHead,
        EquatableArray<KeyValue>? RayStartParams,
        EquatableArray<KeyValue> Resources,
        EquatableArray<KeyValue> Labels,
        EquatableArray<KeyValue> TemplateAnnotations,
        EquatableArray<ContainerModel> Containers,
        EquatableArray<string> InitContainerNames,
        ValueNode Template,
        long NumOfHosts = 1);

    /// <summary><c>spec.gcsFaultToleranceOptions</c>, reduced to what changes params and env.</summary>
    /// <param name="RedisUsername">The <c>redisUsername</c> credential (<c>value</c> or <c>valueFrom</c>), copied into env.</param>
    internal sealed record GcsFaultToleranceModel(
        bool HasRedisPassword,
        bool HasRedisUsername,
        string? Backend,
        string? ExternalStorageNamespace,
        string? RedisAddress,
        ValueNode? RedisUsername = null,
        ValueNode? RedisPassword = null);

    /// <summary><c>spec.authOptions</c>: token mode adds env (and a token mount) to Ray containers.</summary>
    internal sealed record AuthModel(string? Mode, bool EnableK8sTokenAuth, string? SecretName);

    /// <summary>A RayCluster spec (top level, or embedded in a RayJob/RayService/RayCronJob).</summary>
    /// <param name="TlsEnabled"><c>tlsOptions.enabled: true</c> (acts only under the RayClusterMTLS gate).</param>
    /// <param name="HistoryCollector"><c>historyServerOptions.collectorOptions</c> is set (acts only under the RayClusterHistoryServer gate).</param>
    internal sealed record ClusterSpecModel(
        string? RayVersion,
        bool EnableInTreeAutoscaling,
        string? AutoscalerVersion,
        string? AuthMode,
        string? HeadServiceName,
        GcsFaultToleranceModel? GcsFaultTolerance,
        GroupModel Head,
        EquatableArray<GroupModel> Workers,
        ValueNode? AutoscalerOptions = null,
        AuthModel? Auth = null,
        bool TlsEnabled = false,
        bool HistoryCollector = false);

    /// <summary>One YAML document of a known or unknown kind.</summary>
    /// <param name="Cluster">The cluster spec of a Ray kind; <c>null</c> for other kinds and for a RayJob that selects an existing cluster.</param>
    /// <param name="Data">The <c>data</c> of a ConfigMap (scripts for the analyzers), else empty.</param>
    /// <param name="NameIsPrefix"><c>true</c> when the manifest has only <c>metadata.generateName</c>: the API server appends a random suffix.</param>
    internal sealed record ManifestModel(
        int DocumentIndex,
        string ApiVersion,
        string Kind,
        string Name,
        bool NameIsPrefix,
        string? Namespace,
        EquatableArray<KeyValue> Annotations,
        ClusterSpecModel? Cluster,
        EquatableArray<KeyValue> Data)
    {
        public bool IsRayKind => RayKinds.IsRayKind(Kind) && RayKinds.IsRayApiVersion(ApiVersion);
    }

    internal static class RayKinds
    {
        public const string RayCluster = "RayCluster";
        public const string RayJob = "RayJob";
        public const string RayService = "RayService";
        public const string RayCronJob = "RayCronJob";

        public static bool IsRayKind(string kind) =>
            kind is RayCluster or RayJob or RayService or RayCronJob;

        public static bool IsRayApiVersion(string apiVersion) =>
            apiVersion is "ray.io/v1" or "ray.io/v1alpha1";
    }
}
