using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// §7: the env vars KubeRay appends to the Ray container, in its order. "If absent" entries are
    /// skipped when the user (or an earlier step) already defined the name; the others are appended
    /// unconditionally, so duplicates are possible, exactly as in the operator.
    /// Not modeled: operator DefaultContainerEnvs (no operator config by default; docs/pod-factories.md).
    /// </summary>
    internal static class EnvBuilder
    {
        public static EquatableArray<EnvVarOutput> Build(ClusterContext context, GroupModel group, ContainerModel container, TextTemplate rayStartCommand)
        {
            KubeRayProfile profile = context.Settings.Profile;
            ClusterSpecModel cluster = context.Cluster;
            var env = new EnvList(container.Env.Select(e => e.Name));
            bool head = group.IsHead;

            if (head && cluster.EnableInTreeAutoscaling && cluster.AutoscalerVersion is "v1" or "v2")
            {
                env.Add("RAY_enable_autoscaler_v2", cluster.AutoscalerVersion == "v2" ? "true" : "false");
            }

            bool ftAnnotation = ClusterBuilder.IsTrue(context.Manifest.Annotations, "ray.io/ft-enabled");
            if (profile.GcsFaultToleranceOptions && (ftAnnotation || cluster.GcsFaultTolerance is not null))
            {
                AddFaultToleranceEnv(context, group, env);
            }
            else if (!profile.GcsFaultToleranceOptions && ftAnnotation && !head)
            {
                env.AddIfAbsent("RAY_gcs_rpc_server_reconnect_timeout_s", "600");
            }

            AddTokenAuthEnv(context, env);
            AddTlsEnv(context, env);
            if (!head)
            {
                env.Add(new EnvVarOutput("FQ_RAY_IP", context.Fqdn));
                env.Add(new EnvVarOutput("RAY_IP", context.HeadService));
            }

            env.Add(new EnvVarOutput("RAY_CLUSTER_NAME", null, "metadata.labels['ray.io/cluster']"));
            if (profile.ClusterNamespaceEnv)
            {
                env.Add(new EnvVarOutput("RAY_CLUSTER_NAMESPACE", null, "metadata.namespace"));
            }

            if (profile.NodeIdentityEnv)
            {
                env.Add(new EnvVarOutput("RAY_CLOUD_INSTANCE_ID", null, "metadata.name"));
                env.Add(new EnvVarOutput("RAY_NODE_TYPE_NAME", null, "metadata.labels['ray.io/group']"));
            }

            if (profile.OverwriteAnnotation)
            {
                env.Add(new EnvVarOutput("KUBERAY_GEN_RAY_START_CMD", rayStartCommand));
            }

            env.AddIfAbsent("RAY_PORT", context.HeadPort);
            if (context.Manifest.Kind == RayKinds.RayService)
            {
                env.AddIfAbsent("RAY_timeout_ms_task_wait_for_death_info", "0");
                env.AddIfAbsent("RAY_gcs_server_request_timeout_seconds", "5");
                env.AddIfAbsent("RAY_SERVE_KV_TIMEOUT_S", "5");
                if (!profile.NodeIdentityEnv)
                {
                    env.AddIfAbsent("RAY_INTERNAL_SERVE_CONTROLLER_PIN_ON_NODE", "0");
                }
            }

            env.AddIfAbsent(new EnvVarOutput(
                "RAY_ADDRESS",
                head ? TextTemplate.Literal("127.0.0.1:" + context.HeadPort) : new TemplateBuilder().Append(context.Fqdn).Append(":" + context.HeadPort).Build()));
            env.AddIfAbsent("RAY_USAGE_STATS_KUBERAY_IN_USE", "1");
            if (profile.LegacyRedisPasswordEnv)
            {
                env.Add("REDIS_PASSWORD", group.RayStartParams?.LastOrDefault(p => p.Key == "redis-password")?.Value ?? string.Empty);
            }

            if (head && profile.NodeIdentityEnv)
            {
                string crd = context.Manifest.Kind == RayKinds.RayCronJob ? RayKinds.RayJob : context.Manifest.Kind;
                env.Add("RAY_USAGE_STATS_EXTRA_TAGS", "kuberay_version=" + profile.VersionTag + ";kuberay_crd=" + crd);
            }

            if (profile.DiskUsageEnv)
            {
                env.AddIfAbsent("RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE", "1");
            }

            if (HasHistoryCollector(context.Settings, cluster))
            {
                // §7.1 item 19: the Ray events the collector sidecar receives on localhost:8084.
                const string EventTypes = "TASK_DEFINITION_EVENT,TASK_LIFECYCLE_EVENT,ACTOR_TASK_DEFINITION_EVENT,TASK_PROFILE_EVENT,DRIVER_JOB_DEFINITION_EVENT,DRIVER_JOB_LIFECYCLE_EVENT,ACTOR_DEFINITION_EVENT,ACTOR_LIFECYCLE_EVENT,NODE_DEFINITION_EVENT,NODE_LIFECYCLE_EVENT";
                env.AddIfAbsent("RAY_enable_ray_event", "true");
                env.AddIfAbsent("RAY_enable_core_worker_ray_event_to_aggregator", "true");
                env.AddIfAbsent("RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR", "http://localhost:8084/v1/events");
                env.AddIfAbsent("RAY_DASHBOARD_AGGREGATOR_AGENT_EXPOSABLE_EVENT_TYPES", EventTypes);
                env.AddIfAbsent("RAY_DASHBOARD_AGGREGATOR_AGENT_PUBLISHER_HTTP_ENDPOINT_EXPOSABLE_EVENT_TYPES", EventTypes);
            }

            return env.Added.ToEquatableArray();
        }

        /// <summary>
        /// §7.1 items 4 and 5 (token auth, then TLS) for a container whose own env has <paramref name="userNames"/>:
        /// wait-gcs-ready (§7.2) and the autoscaler sidecar (§9.2 "then auth/TLS env").
        /// </summary>
        public static EquatableArray<EnvVarOutput> AuthAndTlsEnv(ClusterContext context, IEnumerable<string> userNames)
        {
            var env = new EnvList(userNames);
            AddTokenAuthEnv(context, env);
            AddTlsEnv(context, env);
            return env.Added.ToEquatableArray();
        }

        /// <summary>§7.1 item 5: the RayClusterMTLS gate and <c>tlsOptions.enabled: true</c>.</summary>
        public static bool HasTls(OperatorSettings settings, ClusterSpecModel cluster) =>
            settings.Profile.TlsEnv && settings.FeatureGates.IsEnabled(FeatureGates.RayClusterMTLS) && cluster.TlsEnabled;

        /// <summary>§7.1 item 19: the RayClusterHistoryServer gate and <c>historyServerOptions.collectorOptions</c>.</summary>
        public static bool HasHistoryCollector(OperatorSettings settings, ClusterSpecModel cluster) =>
            settings.Profile.HistoryCollectorEnv && settings.FeatureGates.IsEnabled(FeatureGates.RayClusterHistoryServer) && cluster.HistoryCollector;

        /// <summary>§7.1 item 4 with <c>enableK8sTokenAuth: true</c>, which also mounts the <c>ray-token</c> volume.</summary>
        public static bool HasK8sTokenAuth(OperatorSettings settings, ClusterSpecModel cluster) =>
            settings.Profile.TokenAuthEnv && cluster.Auth is { Mode: "token", EnableK8sTokenAuth: true };

        private static void AddTlsEnv(ClusterContext context, EnvList env)
        {
            if (!HasTls(context.Settings, context.Cluster))
            {
                return;
            }

            // The paths of the certificates KubeRay mounts; the spec does not give that volume and mount,
            // so the pod factory leaves them out and RAY0197 says so.
            env.AddIfAbsent("RAY_USE_TLS", "1");
            env.AddIfAbsent("RAY_TLS_SERVER_CERT", "/etc/ray/tls/tls.crt");
            env.AddIfAbsent("RAY_TLS_SERVER_KEY", "/etc/ray/tls/tls.key");
            env.AddIfAbsent("RAY_TLS_CA_CERT", "/etc/ray/tls/ca.crt");
        }

        private static void AddTokenAuthEnv(ClusterContext context, EnvList env)
        {
            if (!context.Settings.Profile.TokenAuthEnv || context.Cluster.Auth is not { Mode: "token" } auth)
            {
                return;
            }

            env.AddIfAbsent("RAY_AUTH_MODE", "token");
            if (auth.EnableK8sTokenAuth)
            {
                env.AddIfAbsent("RAY_ENABLE_K8S_TOKEN_AUTH", "true");
                return;
            }

            TextTemplate secret = string.IsNullOrEmpty(auth.SecretName)
                ? new TemplateBuilder().Hole(TemplatePartKind.CheckedClusterName).Build()
                : TextTemplate.Literal(auth.SecretName!);
            env.AddIfAbsent(new EnvVarOutput("RAY_AUTH_TOKEN", null, SecretName: secret, SecretKey: "auth_token"));
        }

        /// <summary>§7.2: appended to every init container, <c>wait-gcs-ready</c> included.</summary>
        public static EquatableArray<EnvVarOutput> InitContainerEnv(ClusterContext context) => new[]
        {
            new EnvVarOutput("FQ_RAY_IP", context.Fqdn),
            new EnvVarOutput("RAY_IP", context.HeadService),
        }.ToEquatableArrayFast();

        private static void AddFaultToleranceEnv(ClusterContext context, GroupModel group, EnvList env)
        {
            GcsFaultToleranceModel? options = context.Cluster.GcsFaultTolerance;
            if (!group.IsHead)
            {
                env.AddIfAbsent("RAY_gcs_rpc_server_reconnect_timeout_s", "600");
                return;
            }

            if (options?.Backend == "rocksdb")
            {
                env.AddIfAbsent("RAY_gcs_storage", "rocksdb");
                env.AddIfAbsent("RAY_gcs_storage_path", "/data/gcs");
                return;
            }

            string? storageNamespace = options?.ExternalStorageNamespace
                ?? context.Manifest.Annotations.LastOrDefault(a => a.Key == "ray.io/external-storage-namespace")?.Value;
            env.AddIfAbsent(new EnvVarOutput(
                "RAY_external_storage_namespace",
                storageNamespace is null ? new TemplateBuilder().Hole(TemplatePartKind.ClusterUid).Build() : TextTemplate.Literal(storageNamespace)));
            if (options is not null)
            {
                env.Add("RAY_REDIS_ADDRESS", options.RedisAddress ?? string.Empty);
                if (options.HasRedisUsername)
                {
                    env.Add(new EnvVarOutput("REDIS_USERNAME", null, CopiedFrom: "gcsFaultToleranceOptions.redisUsername"));
                }

                if (options.HasRedisPassword)
                {
                    env.Add(new EnvVarOutput("REDIS_PASSWORD", null, CopiedFrom: "gcsFaultToleranceOptions.redisPassword"));
                }
            }
            else if (group.RayStartParams?.LastOrDefault(p => p.Key == "redis-password") is { } password)
            {
                env.AddIfAbsent("REDIS_PASSWORD", password.Value);
            }
        }

        /// <summary>Names present so far (user env + added), and what was added.</summary>
        private sealed class EnvList
        {
            private readonly HashSet<string> _names;

            public EnvList(IEnumerable<string> userNames) => _names = new HashSet<string>(userNames, StringComparer.Ordinal);

            public List<EnvVarOutput> Added { get; } = new();

            public void Add(EnvVarOutput variable)
            {
                _names.Add(variable.Name);
                Added.Add(variable);
            }

            public void Add(string name, string value) => Add(new EnvVarOutput(name, TextTemplate.Literal(value)));

            public void AddIfAbsent(EnvVarOutput variable)
            {
                if (!_names.Contains(variable.Name))
                {
                    Add(variable);
                }
            }

            public void AddIfAbsent(string name, string value) => AddIfAbsent(new EnvVarOutput(name, TextTemplate.Literal(value)));
        }
    }
}
