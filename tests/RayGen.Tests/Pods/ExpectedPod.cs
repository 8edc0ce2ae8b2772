using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using k8s.Models;

namespace RayGen.Tests.Pods
{
    /// <summary>Deploy-time values a test passes to a factory (and uses for its expectation).</summary>
    internal sealed record DeployValues(string ClusterName, string Namespace, string ClusterUid = "0a1b2c3d-uid", int ReplicaIndex = 0, string ReplicaName = "replica-x7k2p", int HostIndex = 0);

    /// <summary>
    /// What KubeRay 1.7 (operator defaults, optionally with the RayClusterMTLS / RayClusterHistoryServer
    /// gates on) makes of a group's pod template, written out here from kuberay-pod-command.md §2–§10 and
    /// applied to the template as YAML gives it. The Ray container's
    /// command/args, the ray start line and the probe ports come from <see cref="ExpectedRayStart"/>, the
    /// tests' own derivation of §2–§6; nothing here calls RayGen, so a RayGen bug cannot hide in both.
    /// </summary>
    internal static class ExpectedPod
    {
        // §8: the Go format string, "%s:%s" written as {0}.
        private const string WaitScript =
            "\n\t\t\t\t\tSECONDS=0\n\t\t\t\t\twhile true; do\n\t\t\t\t\t\tif (( SECONDS <= 120 )); then\n\t\t\t\t\t\t\tif ray health-check --address {0} > /dev/null 2>&1; then\n\t\t\t\t\t\t\t\techo \"GCS is ready.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Waiting for GCS to be ready.\"\n\t\t\t\t\t\telse\n\t\t\t\t\t\t\tif ray health-check --address {0}; then\n\t\t\t\t\t\t\t\techo \"GCS is ready. Any error messages above can be safely ignored.\"\n\t\t\t\t\t\t\t\tbreak\n\t\t\t\t\t\t\tfi\n\t\t\t\t\t\t\techo \"$SECONDS seconds elapsed: Still waiting for GCS to be ready. For troubleshooting, refer to the FAQ at https://docs.ray.io/en/master/cluster/kubernetes/troubleshooting.html.\"\n\t\t\t\t\t\tfi\n\t\t\t\t\t\tsleep 5\n\t\t\t\t\tdone\n\t\t\t\t";

        private const string AutoscalerCommand = "ray kuberay-autoscaler --cluster-name $(RAY_CLUSTER_NAME) --cluster-namespace $(RAY_CLUSTER_NAMESPACE)";

        /// <summary>§0: the feature gates that change pods, off by default.</summary>
        public const string MTlsGate = "RayClusterMTLS";
        public const string HistoryServerGate = "RayClusterHistoryServer";

        // §7.1 item 19.
        private const string ExposableEventTypes = "TASK_DEFINITION_EVENT,TASK_LIFECYCLE_EVENT,ACTOR_TASK_DEFINITION_EVENT,TASK_PROFILE_EVENT,DRIVER_JOB_DEFINITION_EVENT,DRIVER_JOB_LIFECYCLE_EVENT,ACTOR_DEFINITION_EVENT,ACTOR_LIFECYCLE_EVENT,NODE_DEFINITION_EVENT,NODE_LIFECYCLE_EVENT";

        /// <param name="manifest">The whole YAML document as JSON.</param>
        /// <param name="workerIndex">-1 for the head.</param>
        /// <param name="gates">The feature gates the operator runs with, beyond the defaults (<see cref="MTlsGate"/>, <see cref="HistoryServerGate"/>).</param>
        public static JsonObject Build(JsonObject manifest, int workerIndex, DeployValues deploy, bool probes = true, IReadOnlyCollection<string>? gates = null)
        {
            string kind = (string)manifest["kind"]!;
            JsonObject cluster = ClusterSpec(manifest);
            bool head = workerIndex < 0;
            JsonObject groupSpec = head ? (JsonObject)cluster["headGroupSpec"]! : (JsonObject)cluster["workerGroupSpecs"]![workerIndex]!;
            string groupName = head ? "headgroup" : (string)groupSpec["groupName"]!;
            var template = (JsonObject)groupSpec["template"]!.DeepClone();
            JsonObject metadata = Obj(template, "metadata");
            JsonObject spec = Obj(template, "spec");
            var ray = (JsonObject)spec["containers"]![0]!;
            JsonArray userEnv = ray["env"] is JsonArray env ? (JsonArray)env.DeepClone() : new JsonArray();

            // §4: head service, port, FQDN; §2–§6: command, args and the ray start line.
            string headService = ExpectedRayStart.HeadService(cluster, deploy);
            string headPort = ExpectedRayStart.HeadPort(cluster);
            string fqdn = ExpectedRayStart.HeadFqdn(cluster, deploy);
            ExpectedRayStart rayStart = ExpectedRayStart.For(manifest, workerIndex, deploy);
            JsonObject? auth = cluster["authOptions"] as JsonObject;
            bool tokenAuth = Text(auth?["mode"]) == "token";
            bool autoscaling = cluster["enableInTreeAutoscaling"]?.GetValue<bool>() == true;
            string? autoscalerVersion = Text(cluster["autoscalerOptions"]?["version"]);

            // §7.1 item 5: the gate and tlsOptions.enabled true (a JSON bool: YAML 1.1 "yes" is one too);
            // item 19: the gate and historyServerOptions.collectorOptions present.
            bool tls = gates?.Contains(MTlsGate) == true && cluster["tlsOptions"]?["enabled"] is JsonValue enabled && enabled.TryGetValue(out bool on) && on;
            bool historyCollector = gates?.Contains(HistoryServerGate) == true && cluster["historyServerOptions"]?["collectorOptions"] is JsonObject;

            // §8: wait-gcs-ready, worker pods only, after the user's init containers.
            if (!head)
            {
                var wait = new JsonObject { ["name"] = "wait-gcs-ready" };
                Copy(ray, wait, "image", "imagePullPolicy");
                wait["command"] = Strings("/bin/bash", "-c", "--");
                wait["args"] = Strings(WaitScript.Replace("{0}", fqdn + ":" + headPort));
                Copy(ray, wait, "securityContext");
                var waitEnv = (JsonArray)userEnv.DeepClone();
                AddTokenAuth(waitEnv, auth, tokenAuth, deploy);
                AddTls(waitEnv, tls);
                wait["env"] = waitEnv;
                Copy(ray, wait, "volumeMounts");
                wait["resources"] = new JsonObject { ["limits"] = Fixed("200m", "256Mi"), ["requests"] = Fixed("200m", "256Mi") };
                Arr(spec, "initContainers").Add(wait);
            }

            // §9.4 names.
            if (!head)
            {
                metadata.Remove("name");
            }

            string prefix = head ? deploy.ClusterName : deploy.ClusterName + "-" + groupName;
            metadata["generateName"] = prefix[..Math.Min(50, prefix.Length)].ToLowerInvariant() + (head ? "-head-" : "-worker-");
            metadata["namespace"] = deploy.Namespace;

            // §10 labels.
            string identifier = deploy.ClusterName + (head ? "-head" : "-worker");
            var labels = new JsonObject
            {
                ["ray.io/is-ray-node"] = "yes",
                ["ray.io/cluster"] = deploy.ClusterName,
                ["ray.io/node-type"] = head ? "head" : "worker",
                ["ray.io/group"] = groupName,
                ["ray.io/identifier"] = identifier.Length > 63 ? identifier[^63..] : identifier,
                ["app.kubernetes.io/name"] = "kuberay",
                ["app.kubernetes.io/created-by"] = "kuberay-operator",
            };
            var user = new List<KeyValuePair<string, JsonNode?>>();
            user.AddRange((metadata["labels"] as JsonObject)?.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value?.DeepClone())) ?? []);
            user.AddRange((groupSpec["labels"] as JsonObject)?.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value?.DeepClone())) ?? []);
            foreach (var (key, value) in user.Where(p => p.Key is not ("ray.io/node-type" or "ray.io/group" or "ray.io/cluster")))
            {
                labels[key] = value;
            }

            if (!head)
            {
                labels["ray.io/worker-group-replica-index"] = deploy.ReplicaIndex.ToString();
                if (groupSpec["numOfHosts"]?.GetValue<long>() > 1)
                {
                    labels["ray.io/worker-group-replica-name"] = deploy.ReplicaName;
                    labels["ray.io/replica-host-index"] = deploy.HostIndex.ToString();
                }
            }

            if (kind == "RayService")
            {
                labels["ray.io/serve"] = head ? "false" : "true";
            }

            metadata["labels"] = labels;

            // §3 overwrite annotation (RayCronJob does not copy its annotations), §9.4 ft-enabled.
            bool ftEnabled = Text(manifest["metadata"]?["annotations"]?["ray.io/ft-enabled"])?.ToLowerInvariant() == "true" || cluster["gcsFaultToleranceOptions"] is JsonObject;
            bool clusterOverwrite = kind != "RayCronJob" && Text(manifest["metadata"]?["annotations"]?["ray.io/overwrite-container-cmd"])?.ToLowerInvariant() == "true";
            if (clusterOverwrite)
            {
                Obj(metadata, "annotations")["ray.io/overwrite-container-cmd"] = "true";
            }

            if (head)
            {
                Obj(metadata, "annotations")["ray.io/ft-enabled"] = ftEnabled ? "true" : "false";
            }

            // §9.2 autoscaler (head).
            if (head && autoscaling)
            {
                AddAutoscaler(spec, ray, cluster, auth, tokenAuth, tls, deploy);
            }

            if (autoscaling && autoscalerVersion == "v2")
            {
                spec["restartPolicy"] = "Never";
            }

            // §9.4 metrics port.
            JsonArray ports = Arr(ray, "ports");
            if (!ports.Any(p => Text(p?["name"]) == "metrics"))
            {
                ports.Add(new JsonObject { ["name"] = "metrics", ["containerPort"] = 8080 });
            }

            // §9.1 /dev/shm.
            JsonObject? rayStartParams = groupSpec["rayStartParams"] as JsonObject;
            bool mountsShm = (ray["volumeMounts"] as JsonArray)?.Any(m => Text(m?["mountPath"]) == "/dev/shm") == true;
            if (rayStartParams?.ContainsKey("plasma-directory") != true && !mountsShm)
            {
                JsonNode? size = ray["resources"]?["limits"]?["memory"] ?? ray["resources"]?["requests"]?["memory"];
                JsonArray volumes = Arr(spec, "volumes");
                if (!volumes.Any(v => Text(v?["name"]) == "shared-mem"))
                {
                    var emptyDir = new JsonObject { ["medium"] = "Memory" };
                    if (size is not null)
                    {
                        emptyDir["sizeLimit"] = size.DeepClone();
                    }

                    volumes.Add(new JsonObject { ["name"] = "shared-mem", ["emptyDir"] = emptyDir });
                }

                Arr(ray, "volumeMounts").Add(new JsonObject { ["name"] = "shared-mem", ["mountPath"] = "/dev/shm" });
            }

            // §2 command and args.
            if (rayStart.Command is not null)
            {
                ray["command"] = Strings(rayStart.Command);
                ray["args"] = Strings(rayStart.Args!);
            }

            // §7.1 env, in order; "if absent" entries are skipped when the name exists.
            JsonArray rayEnv = Arr(ray, "env");
            bool Has(string name) => rayEnv.Any(e => Text(e?["name"]) == name);
            void Add(string name, string value) => rayEnv.Add(Env(name, value));
            void AddIfAbsent(string name, string value)
            {
                if (!Has(name))
                {
                    Add(name, value);
                }
            }

            if (head && autoscaling && autoscalerVersion is "v1" or "v2")
            {
                Add("RAY_enable_autoscaler_v2", autoscalerVersion == "v2" ? "true" : "false");
            }

            if (ftEnabled)
            {
                AddFaultTolerance(rayEnv, Has, AddIfAbsent, head, cluster, manifest, groupSpec, deploy);
            }

            AddTokenAuth(rayEnv, auth, tokenAuth, deploy);
            AddTls(rayEnv, tls);
            if (!head)
            {
                Add("FQ_RAY_IP", fqdn);
                Add("RAY_IP", headService);
            }

            rayEnv.Add(FieldRef("RAY_CLUSTER_NAME", "metadata.labels['ray.io/cluster']"));
            rayEnv.Add(FieldRef("RAY_CLUSTER_NAMESPACE", "metadata.namespace"));
            rayEnv.Add(FieldRef("RAY_CLOUD_INSTANCE_ID", "metadata.name"));
            rayEnv.Add(FieldRef("RAY_NODE_TYPE_NAME", "metadata.labels['ray.io/group']"));
            Add("KUBERAY_GEN_RAY_START_CMD", rayStart.RayStartCommand);
            AddIfAbsent("RAY_PORT", headPort);
            if (kind == "RayService")
            {
                AddIfAbsent("RAY_timeout_ms_task_wait_for_death_info", "0");
                AddIfAbsent("RAY_gcs_server_request_timeout_seconds", "5");
                AddIfAbsent("RAY_SERVE_KV_TIMEOUT_S", "5");
            }

            AddIfAbsent("RAY_ADDRESS", head ? "127.0.0.1:" + headPort : fqdn + ":" + headPort);
            AddIfAbsent("RAY_USAGE_STATS_KUBERAY_IN_USE", "1");
            if (head)
            {
                Add("RAY_USAGE_STATS_EXTRA_TAGS", "kuberay_version=v1.7.0;kuberay_crd=" + (kind == "RayCronJob" ? "RayJob" : kind));
            }

            AddIfAbsent("RAY_DASHBOARD_ENABLE_K8S_DISK_USAGE", "1");
            if (historyCollector)
            {
                AddIfAbsent("RAY_enable_ray_event", "true");
                AddIfAbsent("RAY_enable_core_worker_ray_event_to_aggregator", "true");
                AddIfAbsent("RAY_DASHBOARD_AGGREGATOR_AGENT_EVENTS_EXPORT_ADDR", "http://localhost:8084/v1/events");
                AddIfAbsent("RAY_DASHBOARD_AGGREGATOR_AGENT_EXPOSABLE_EVENT_TYPES", ExposableEventTypes);
                AddIfAbsent("RAY_DASHBOARD_AGGREGATOR_AGENT_PUBLISHER_HTTP_ENDPOINT_EXPOSABLE_EVENT_TYPES", ExposableEventTypes);
            }

            // §7.2 every init container.
            foreach (JsonObject init in (spec["initContainers"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                Arr(init, "env").Add(Env("FQ_RAY_IP", fqdn));
                Arr(init, "env").Add(Env("RAY_IP", headService));
            }

            // §9.3 probes.
            if (probes)
            {
                AddProbes(ray, head, kind, Text(cluster["rayVersion"]), rayStart.Params);
            }

            return template;
        }

        /// <summary>§9.3, with the ports of the effective params (§4 defaults included).</summary>
        private static void AddProbes(JsonObject ray, bool head, string kind, string? rayVersion, IReadOnlyDictionary<string, string> rayStartParams)
        {
            string agentPortText = rayStartParams.TryGetValue("dashboard-agent-listen-port", out string? a) ? a : "52365";
            int agentPort = int.TryParse(agentPortText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed) ? parsed : 52365; // Go's ParseInt: a sign, no spaces
            string local = $"wget --tries 1 -T 2 -q -O- http://localhost:{agentPort}/api/local_raylet_healthz | grep success";
            string dashboardPort = rayStartParams.TryGetValue("dashboard-port", out string? d) ? d : "8265";
            string exec = head ? local + " && " + $"wget --tries 1 -T 10 -q -O- http://localhost:{dashboardPort}/api/gcs_healthz | grep success" : local;
            bool http = Version.TryParse(rayVersion, out Version? version) && version >= new Version(2, 53, 0);
            int timeout = head ? 5 : 2;
            JsonObject Probe(string? command, int delay, int failures)
            {
                JsonObject probe = command is null
                    ? new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/api/healthz", ["port"] = agentPort } }
                    : new JsonObject { ["exec"] = new JsonObject { ["command"] = Strings("bash", "-c", command) } };
                probe["initialDelaySeconds"] = delay;
                probe["timeoutSeconds"] = timeout;
                probe["periodSeconds"] = 5;
                probe["successThreshold"] = 1;
                probe["failureThreshold"] = failures;
                return probe;
            }

            ray["livenessProbe"] ??= Probe(http ? null : exec, 30, 120);
            if (ray["readinessProbe"] is null)
            {
                if (!head && kind == "RayService")
                {
                    JsonNode? serve = (ray["ports"] as JsonArray)?.FirstOrDefault(p => Text(p?["name"]) == "serve");
                    string servePort = serve?["containerPort"]?.ToString() ?? "8000";
                    ray["readinessProbe"] = Probe(exec + $" && wget --tries 1 -T 10 -q -O- http://localhost:{servePort}/-/healthz | grep success", 10, 1);
                }
                else
                {
                    ray["readinessProbe"] = Probe(http ? null : exec, 10, 10);
                }
            }
        }

        private static void AddAutoscaler(JsonObject spec, JsonObject ray, JsonObject cluster, JsonObject? auth, bool tokenAuth, bool tls, DeployValues deploy)
        {
            string account = Text(spec["serviceAccountName"]) is { Length: > 0 } sa ? sa : deploy.ClusterName;
            spec["serviceAccountName"] = CheckName(account);
            JsonObject options = cluster["autoscalerOptions"] as JsonObject ?? new JsonObject();
            var env = new JsonArray
            {
                FieldRef("RAY_CLUSTER_NAME", "metadata.labels['ray.io/cluster']"),
                FieldRef("RAY_CLUSTER_NAMESPACE", "metadata.namespace"),
                FieldRef("RAY_HEAD_POD_NAME", "metadata.name"),
                Env("KUBERAY_CRD_VER", "v1"),
                Env("KUBERAY_GEN_AUTOSCALER_START_CMD", AutoscalerCommand),
            };
            AddTokenAuth(env, auth, tokenAuth, deploy);
            AddTls(env, tls);
            foreach (JsonNode? item in options["env"] as JsonArray ?? [])
            {
                env.Add(item?.DeepClone());
            }

            var container = new JsonObject
            {
                ["name"] = "autoscaler",
                ["image"] = (options["image"] ?? ray["image"])?.DeepClone(),
                ["imagePullPolicy"] = options["imagePullPolicy"]?.DeepClone() ?? "IfNotPresent",
                ["env"] = env,
                ["command"] = options["command"]?.DeepClone() ?? Strings("/bin/bash", "-c", "--"),
                ["args"] = options["args"]?.DeepClone() ?? Strings(AutoscalerCommand),
                ["resources"] = options["resources"]?.DeepClone() ?? new JsonObject { ["limits"] = Fixed("500m", "512Mi"), ["requests"] = Fixed("500m", "512Mi") },
            };
            Copy(options, container, "envFrom", "securityContext");
            container["volumeMounts"] = options["volumeMounts"]?.DeepClone() ?? new JsonArray();
            Arr(spec, "containers").Add(container);
            JsonArray volumes = Arr(spec, "volumes");
            if (!volumes.Any(v => Text(v?["name"]) == "ray-logs"))
            {
                volumes.Add(new JsonObject { ["name"] = "ray-logs", ["emptyDir"] = new JsonObject() });
            }

            foreach (JsonObject target in new[] { ray, container })
            {
                JsonArray mounts = Arr(target, "volumeMounts");
                if (!mounts.Any(m => Text(m?["mountPath"]) == "/tmp/ray"))
                {
                    mounts.Add(new JsonObject { ["name"] = "ray-logs", ["mountPath"] = "/tmp/ray" });
                }
            }
        }

        private static void AddFaultTolerance(JsonArray env, Func<string, bool> has, Action<string, string> addIfAbsent, bool head, JsonObject cluster, JsonObject manifest, JsonObject groupSpec, DeployValues deploy)
        {
            JsonObject? options = cluster["gcsFaultToleranceOptions"] as JsonObject;
            if (!head)
            {
                addIfAbsent("RAY_gcs_rpc_server_reconnect_timeout_s", "600");
                return;
            }

            if (Text(options?["backend"]) == "rocksdb")
            {
                addIfAbsent("RAY_gcs_storage", "rocksdb");
                addIfAbsent("RAY_gcs_storage_path", "/data/gcs");
                return;
            }

            addIfAbsent("RAY_external_storage_namespace",
                Text(options?["externalStorageNamespace"]) ?? Text(manifest["metadata"]?["annotations"]?["ray.io/external-storage-namespace"]) ?? deploy.ClusterUid);
            if (options is not null)
            {
                env.Add(Env("RAY_REDIS_ADDRESS", Text(options["redisAddress"]) ?? string.Empty));
                foreach ((string field, string name) in new[] { ("redisUsername", "REDIS_USERNAME"), ("redisPassword", "REDIS_PASSWORD") })
                {
                    if (options[field] is JsonObject credential)
                    {
                        var variable = new JsonObject { ["name"] = name };
                        Copy(credential, variable, "value", "valueFrom");
                        env.Add(variable);
                    }
                }
            }
            else if (Text(groupSpec["rayStartParams"]?["redis-password"]) is { } password && !has("REDIS_PASSWORD"))
            {
                env.Add(Env("REDIS_PASSWORD", password));
            }
        }

        /// <summary>§7.1 item 4.</summary>
        private static void AddTokenAuth(JsonArray env, JsonObject? auth, bool tokenAuth, DeployValues deploy)
        {
            if (!tokenAuth)
            {
                return;
            }

            bool Has(string name) => env.Any(e => Text(e?["name"]) == name);
            if (!Has("RAY_AUTH_MODE"))
            {
                env.Add(Env("RAY_AUTH_MODE", "token"));
            }

            if (auth?["enableK8sTokenAuth"]?.GetValue<bool>() == true)
            {
                if (!Has("RAY_ENABLE_K8S_TOKEN_AUTH"))
                {
                    env.Add(Env("RAY_ENABLE_K8S_TOKEN_AUTH", "true"));
                }
            }
            else if (!Has("RAY_AUTH_TOKEN"))
            {
                string secret = Text(auth?["secretName"]) is { Length: > 0 } s ? s : CheckName(deploy.ClusterName);
                env.Add(new JsonObject { ["name"] = "RAY_AUTH_TOKEN", ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = "auth_token" } } });
            }
        }

        /// <summary>§7.1 item 5, each if absent from <paramref name="env"/>.</summary>
        private static void AddTls(JsonArray env, bool tls)
        {
            if (!tls)
            {
                return;
            }

            foreach ((string name, string value) in new[]
            {
                ("RAY_USE_TLS", "1"),
                ("RAY_TLS_SERVER_CERT", "/etc/ray/tls/tls.crt"),
                ("RAY_TLS_SERVER_KEY", "/etc/ray/tls/tls.key"),
                ("RAY_TLS_CA_CERT", "/etc/ray/tls/ca.crt"),
            })
            {
                if (!env.Any(e => Text(e?["name"]) == name))
                {
                    env.Add(Env(name, value));
                }
            }
        }

        /// <summary>§4 CheckName: last 50 characters; a leading digit, then a leading punctuation character, becomes 'r'.</summary>
        private static string CheckName(string name)
        {
            if (name.Length > 50)
            {
                name = name[^50..];
            }

            if (char.IsDigit(name[0]))
            {
                name = "r" + name[1..];
            }

            return char.IsPunctuation(name[0]) ? "r" + name[1..] : name;
        }

        public static JsonObject ClusterSpec(JsonObject manifest) => (string)manifest["kind"]! switch
        {
            "RayCluster" => (JsonObject)manifest["spec"]!,
            "RayJob" => (JsonObject)manifest["spec"]!["rayClusterSpec"]!,
            "RayService" => (JsonObject)manifest["spec"]!["rayClusterConfig"]!,
            _ => (JsonObject)manifest["spec"]!["jobTemplate"]!["rayClusterSpec"]!,
        };

        /// <summary>Go omits an empty <c>value</c> (omitempty).</summary>
        private static JsonObject Env(string name, string value) =>
            value.Length == 0 ? new JsonObject { ["name"] = name } : new JsonObject { ["name"] = name, ["value"] = value };

        private static JsonObject FieldRef(string name, string path) =>
            new() { ["name"] = name, ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = path } } };

        private static JsonObject Fixed(string cpu, string memory) => new() { ["cpu"] = cpu, ["memory"] = memory };

        private static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

        private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

        private static void Copy(JsonObject from, JsonObject to, params string[] keys)
        {
            foreach (string key in keys)
            {
                if (from[key] is { } value)
                {
                    to[key] = value.DeepClone();
                }
            }
        }

        private static JsonObject Obj(JsonObject parent, string key) =>
            parent[key] as JsonObject ?? (JsonObject)(parent[key] = new JsonObject());

        private static JsonArray Arr(JsonObject parent, string key) =>
            parent[key] as JsonArray ?? (JsonArray)(parent[key] = new JsonArray());

        /// <summary>
        /// What Kubernetes and KubernetesClient do to any template: nulls are absent, and quantities are
        /// written canonically (the client's own <see cref="ResourceQuantity"/> decides, not RayGen).
        /// </summary>
        public static JsonNode? Normalize(JsonNode? node, string? key = null, string? parentKey = null)
        {
            switch (node)
            {
                case JsonObject obj:
                    var result = new JsonObject();
                    foreach (var (k, v) in obj)
                    {
                        if (v is not null)
                        {
                            result[k] = Normalize(v, k, key);
                        }
                    }

                    return result;
                case JsonArray array:
                    return new JsonArray(array.Select(i => Normalize(i, null, key)).ToArray());
                case JsonValue value when IsQuantity(key, parentKey):
                    return JsonValue.Create(new ResourceQuantity(value.ToString()).ToString());
                default:
                    return node?.DeepClone();
            }
        }

        private static bool IsQuantity(string? key, string? parentKey) =>
            key == "sizeLimit" || parentKey is "limits" or "requests" or "overhead" or "capacity";
    }
}
