using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// The whole pod template KubeRay builds for a group: the user's <c>template</c> plus the operator's
    /// changes in its order (kuberay-pod-command.md §1, §7–§10): wait-gcs-ready, labels, annotations,
    /// autoscaler sidecar, metrics port, then BuildPod's /dev/shm, command/args, env and probes.
    /// Deploy-time values stay holes (<see cref="TemplatePartKind"/>).
    /// </summary>
    internal static class PodBuilder
    {
        private const string SharedMemory = "shared-mem";
        private const string RayLogs = "ray-logs";

        public static ValueNode Build(ClusterContext context, GroupModel group, int rayIndex, GroupOutputModel output)
        {
            KubeRayProfile profile = context.Settings.Profile;
            PodNode pod = PodNode.Of(group.Template.Kind == ValueKind.Map ? group.Template : ValueNode.EmptyMap);
            PodNode metadata = pod.MapAt("metadata");
            PodNode spec = pod.MapAt("spec");
            PodNode containers = spec.ListAt("containers");
            if (rayIndex >= containers.Items.Count || !containers.Items[rayIndex].IsMap)
            {
                return pod.ToValue();
            }

            PodNode ray = containers.Items[rayIndex];

            // Workers: wait-gcs-ready first, from the Ray container as the user wrote it (§1, §8).
            if (output.WaitGcsReady is { Script: { } script } init)
            {
                spec.ListAt("initContainers").Add(WaitGcsReady(context, init, script, ray));
            }

            SetNames(metadata, group);
            SetLabels(context, metadata, group);
            SetAnnotations(context, metadata, group.IsHead);
            if (group.IsHead && context.Cluster.EnableInTreeAutoscaling)
            {
                AddAutoscaler(context, spec, ray);
            }

            if (context.Cluster.EnableInTreeAutoscaling && context.Cluster.AutoscalerVersion == "v2")
            {
                spec.Set("restartPolicy", PodNode.String("Never"));
            }

            PodNode ports = ray.ListAt("ports");
            if (!ports.Items.Any(p => p.Text("name") == "metrics"))
            {
                ports.Add(PodNode.Map(("name", PodNode.String("metrics")), ("containerPort", PodNode.Int(8080))));
            }

            // BuildPod (§1 step 9).
            AddSharedMemory(context, group, spec, ray);
            if (output.IsCommandGenerated)
            {
                ray.Set("command", PodNode.List(output.Command.Select(PodNode.String)));
                ray.Set("args", PodNode.List(output.Args.Select(PodNode.String)));
            }

            PodNode env = ray.ListAt("env");
            foreach (EnvVarOutput variable in output.AddedEnv)
            {
                env.Add(EnvVar(context, variable));
            }

            foreach (PodNode initContainer in spec.Get("initContainers")?.Items ?? Array.Empty<PodNode>())
            {
                PodNode initEnv = initContainer.ListAt("env");
                foreach (EnvVarOutput variable in EnvBuilder.InitContainerEnv(context))
                {
                    initEnv.Add(EnvVar(context, variable));
                }
            }

            if (profile.ProbeInjection && context.Settings.EnableProbesInjection)
            {
                AddProbes(context, group, ray, output);
            }

            return pod.ToValue();
        }

        private static PodNode WaitGcsReady(ClusterContext context, InitContainerOutput init, TextTemplate script, PodNode ray)
        {
            PodNode container = PodNode.Map(("name", PodNode.String(init.Name)));
            CopyIfPresent(ray, container, "image");
            CopyIfPresent(ray, container, "imagePullPolicy");
            container.Set("command", PodNode.List(init.Command.Select(PodNode.String)));
            container.Set("args", PodNode.List(new[] { PodNode.String(script) }));
            CopyIfPresent(ray, container, "securityContext");
            PodNode env = ray.Get("env")?.Clone() ?? PodNode.NewList();
            IEnumerable<string> userNames = env.Items.Select(e => e.Text("name")).Where(n => n is not null)!;
            foreach (EnvVarOutput variable in EnvBuilder.AuthAndTlsEnv(context, userNames))
            {
                env.Add(EnvVar(context, variable));
            }

            container.Set("env", env);
            CopyIfPresent(ray, container, "volumeMounts");
            if (init.CopiesRayContainerResources)
            {
                CopyIfPresent(ray, container, "resources");
            }
            else
            {
                PodNode Fixed() => PodNode.Map(("cpu", PodNode.String("200m")), ("memory", PodNode.String("256Mi")));
                container.Set("resources", PodNode.Map(("limits", Fixed()), ("requests", Fixed())));
            }

            return container;
        }

        /// <summary>§9.4: generateName from the cluster (and group) name; namespace forced to the cluster's.</summary>
        private static void SetNames(PodNode metadata, GroupModel group)
        {
            if (!group.IsHead)
            {
                metadata.Remove("name");
            }

            metadata.Set("generateName", Hole(TemplatePartKind.PodNamePrefix));
            metadata.Set("namespace", Hole(TemplatePartKind.Namespace));
        }

        /// <summary>§10: base labels, then template + group labels, then replica and RayService labels.</summary>
        private static void SetLabels(ClusterContext context, PodNode metadata, GroupModel group)
        {
            KubeRayProfile profile = context.Settings.Profile;
            var user = new List<KeyValuePair<string, PodNode>>();
            PodNode? templateLabels = metadata.Get("labels");
            foreach (string key in templateLabels?.Keys ?? Enumerable.Empty<string>())
            {
                user.Add(new KeyValuePair<string, PodNode>(key, templateLabels!.Get(key) ?? PodNode.String(string.Empty)));
            }

            if (profile.GroupResourcesAndLabels)
            {
                user.AddRange(group.Labels.Select(l => new KeyValuePair<string, PodNode>(l.Key, PodNode.String(l.Value))));
            }

            PodNode labels = PodNode.Map(
                ("ray.io/is-ray-node", PodNode.String("yes")),
                ("ray.io/cluster", Hole(TemplatePartKind.ClusterName)),
                ("ray.io/node-type", PodNode.String(group.IsHead ? "head" : "worker")),
                ("ray.io/group", PodNode.String(group.GroupName)),
                ("ray.io/identifier", Hole(TemplatePartKind.NodeIdentifier)),
                ("app.kubernetes.io/name", PodNode.String("kuberay")),
                ("app.kubernetes.io/created-by", PodNode.String("kuberay-operator")));
            if (profile.ClusterDashboardLabel)
            {
                labels.Set("ray.io/cluster-dashboard", PodNode.String(new TemplateBuilder().Hole(TemplatePartKind.ClusterName).Append("-dashboard").Build()));
            }

            foreach (KeyValuePair<string, PodNode> label in user)
            {
                if (!profile.ProtectedBaseLabels || label.Key is not ("ray.io/node-type" or "ray.io/group" or "ray.io/cluster"))
                {
                    labels.Set(label.Key, label.Value);
                }
            }

            if (!group.IsHead && profile.ReplicaLabels && context.Settings.FeatureGates.IsEnabled(FeatureGates.RayMultiHostIndexing))
            {
                labels.Set("ray.io/worker-group-replica-index", Hole(TemplatePartKind.ReplicaIndex));
                if (group.NumOfHosts > 1)
                {
                    labels.Set("ray.io/worker-group-replica-name", Hole(TemplatePartKind.ReplicaName));
                    labels.Set("ray.io/replica-host-index", Hole(TemplatePartKind.HostIndex));
                }
            }

            if (context.Manifest.Kind == RayKinds.RayService)
            {
                labels.Set("ray.io/serve", PodNode.String(group.IsHead ? "false" : "true"));
            }

            metadata.Set("labels", labels);
        }

        /// <summary>§3 overwrite annotation copied from the cluster; §9.4 <c>ray.io/ft-enabled</c> on the head.</summary>
        private static void SetAnnotations(ClusterContext context, PodNode metadata, bool isHead)
        {
            bool overwrite = context.ClusterOverwrite && context.Settings.Profile.OverwriteAnnotation;
            if (!overwrite && !isHead)
            {
                return;
            }

            PodNode annotations = metadata.MapAt("annotations");
            if (overwrite)
            {
                annotations.Set("ray.io/overwrite-container-cmd", PodNode.String("true"));
            }

            if (isHead)
            {
                bool ft = ClusterBuilder.IsTrue(context.Manifest.Annotations, "ray.io/ft-enabled")
                          || (context.Settings.Profile.GcsFaultToleranceOptions && context.Cluster.GcsFaultTolerance is not null);
                annotations.Set("ray.io/ft-enabled", PodNode.String(ft ? "true" : "false"));
            }
        }

        /// <summary>§9.2: service account, the autoscaler sidecar and the shared <c>ray-logs</c> volume.</summary>
        private static void AddAutoscaler(ClusterContext context, PodNode spec, PodNode ray)
        {
            string? account = spec.Text("serviceAccountName");
            spec.Set("serviceAccountName", string.IsNullOrEmpty(account)
                ? Hole(TemplatePartKind.CheckedClusterName)
                : PodNode.String(Internal.KubeRayNaming.CheckName(account!)));

            PodNode options = context.Cluster.AutoscalerOptions is { Kind: ValueKind.Map } tree ? PodNode.Of(tree) : PodNode.NewMap();
            const string StartCommand = "ray kuberay-autoscaler --cluster-name $(RAY_CLUSTER_NAME) --cluster-namespace $(RAY_CLUSTER_NAMESPACE)";
            bool overrides = context.Settings.Profile.AutoscalerStartCommand;

            PodNode container = PodNode.Map(("name", PodNode.String("autoscaler")));
            container.Set("image", options.Get("image") ?? ray.Get("image") ?? PodNode.String(string.Empty));
            container.Set("imagePullPolicy", options.Get("imagePullPolicy") ?? PodNode.String("IfNotPresent"));

            PodNode FieldRef(string name, string path) => EnvVar(context, new EnvVarOutput(name, null, path));
            PodNode env = PodNode.List(new[]
            {
                FieldRef("RAY_CLUSTER_NAME", "metadata.labels['ray.io/cluster']"),
                FieldRef("RAY_CLUSTER_NAMESPACE", "metadata.namespace"),
                FieldRef("RAY_HEAD_POD_NAME", "metadata.name"),
                EnvVar(context, new EnvVarOutput("KUBERAY_CRD_VER", TextTemplate.Literal("v1"))),
            });
            if (overrides)
            {
                env.Add(EnvVar(context, new EnvVarOutput("KUBERAY_GEN_AUTOSCALER_START_CMD", TextTemplate.Literal(StartCommand))));
            }

            foreach (EnvVarOutput variable in EnvBuilder.AuthAndTlsEnv(context, Enumerable.Empty<string>()))
            {
                env.Add(EnvVar(context, variable));
            }

            AppendItems(env, options.Get("env"));
            container.Set("env", env);
            if (options.Get("envFrom") is { IsList: true } envFrom)
            {
                container.Set("envFrom", envFrom);
            }

            container.Set("command", overrides && options.Get("command") is { } command ? command : PodNode.List(context.BashCommand.Select(PodNode.String)));
            container.Set("args", overrides && options.Get("args") is { } args ? args : PodNode.List(new[] { PodNode.String(StartCommand) }));
            PodNode Default() => PodNode.Map(("cpu", PodNode.String("500m")), ("memory", PodNode.String("512Mi")));
            container.Set("resources", options.Get("resources") ?? PodNode.Map(("limits", Default()), ("requests", Default())));
            if (options.Get("securityContext") is { } securityContext)
            {
                container.Set("securityContext", securityContext);
            }

            PodNode mounts = PodNode.NewList();
            AppendItems(mounts, options.Get("volumeMounts"));
            container.Set("volumeMounts", mounts);
            spec.ListAt("containers").Add(container);

            PodNode volumes = spec.ListAt("volumes");
            if (!volumes.Items.Any(v => v.Text("name") == RayLogs))
            {
                volumes.Add(PodNode.Map(("name", PodNode.String(RayLogs)), ("emptyDir", PodNode.NewMap())));
            }

            foreach (PodNode target in new[] { ray, container })
            {
                PodNode targetMounts = target.ListAt("volumeMounts");
                if (!targetMounts.Items.Any(m => m.Text("mountPath") == "/tmp/ray"))
                {
                    targetMounts.Add(PodNode.Map(("name", PodNode.String(RayLogs)), ("mountPath", PodNode.String("/tmp/ray"))));
                }
            }
        }

        /// <summary>§9.1: the <c>shared-mem</c> emptyDir at <c>/dev/shm</c>, sized from the Ray container's memory.</summary>
        private static void AddSharedMemory(ClusterContext context, GroupModel group, PodNode spec, PodNode ray)
        {
            KubeRayProfile profile = context.Settings.Profile;
            if ((profile.PlasmaDirectorySkipsShm && group.RayStartParams?.Any(p => p.Key == "plasma-directory") == true)
                || ray.Get("volumeMounts")?.Items.Any(m => m.Text("mountPath") == "/dev/shm") == true)
            {
                return;
            }

            PodNode? resources = ray.Get("resources");
            PodNode? limit = resources?.Get("limits")?.Get("memory");
            PodNode? request = resources?.Get("requests")?.Get("memory");
            PodNode? size = profile.ShmSizeLimitFirst ? limit ?? request : request ?? limit;

            PodNode volumes = spec.ListAt("volumes");
            if (!volumes.Items.Any(v => v.Text("name") == SharedMemory))
            {
                PodNode emptyDir = PodNode.Map(("medium", PodNode.String("Memory")));
                if (size is not null)
                {
                    emptyDir.Set("sizeLimit", size.Clone());
                }

                volumes.Add(PodNode.Map(("name", PodNode.String(SharedMemory)), ("emptyDir", emptyDir)));
            }

            ray.ListAt("volumeMounts").Add(PodNode.Map(("name", PodNode.String(SharedMemory)), ("mountPath", PodNode.String("/dev/shm"))));
        }

        /// <summary>§9.3: fills the probes the user left nil.</summary>
        private static void AddProbes(ClusterContext context, GroupModel group, PodNode ray, GroupOutputModel output)
        {
            bool head = group.IsHead;
            string? Param(string key) => output.RayStartParams.LastOrDefault(p => p.Key == key)?.Value;
            int agentPort = int.TryParse(Param("dashboard-agent-listen-port"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int port) ? port : 52365;
            string localCheck = $"wget --tries 1 -T 2 -q -O- http://localhost:{agentPort.ToString(CultureInfo.InvariantCulture)}/api/local_raylet_healthz | grep success";
            string exec = head
                ? localCheck + " && " + $"wget --tries 1 -T 10 -q -O- http://localhost:{Param("dashboard-port") ?? "8265"}/api/gcs_healthz | grep success"
                : localCheck;
            bool http = IsAtLeast(context.Cluster.RayVersion, 2, 53, 0);
            int timeout = head ? 5 : 2;

            PodNode Probe(string? command, int initialDelay, int failures)
            {
                PodNode probe = command is null
                    ? PodNode.Map(("httpGet", PodNode.Map(("path", PodNode.String("/api/healthz")), ("port", PodNode.Int(agentPort)))))
                    : PodNode.Map(("exec", PodNode.Map(("command", PodNode.List(new[] { PodNode.String("bash"), PodNode.String("-c"), PodNode.String(command) })))));
                probe.Set("initialDelaySeconds", PodNode.Int(initialDelay));
                probe.Set("timeoutSeconds", PodNode.Int(timeout));
                probe.Set("periodSeconds", PodNode.Int(5));
                probe.Set("successThreshold", PodNode.Int(1));
                probe.Set("failureThreshold", PodNode.Int(failures));
                return probe;
            }

            if (ray.Get("livenessProbe") is null)
            {
                ray.Set("livenessProbe", Probe(http ? null : exec, 30, 120));
            }

            if (ray.Get("readinessProbe") is null)
            {
                if (!head && context.Manifest.Kind == RayKinds.RayService)
                {
                    PodNode? serve = ray.Get("ports")?.Items.FirstOrDefault(p => p.Text("name") == "serve");
                    string servePort = serve?.Text("containerPort") ?? "8000";
                    ray.Set("readinessProbe", Probe(exec + $" && wget --tries 1 -T 10 -q -O- http://localhost:{servePort}/-/healthz | grep success", 10, 1));
                }
                else
                {
                    ray.Set("readinessProbe", Probe(http ? null : exec, 10, 10));
                }
            }
        }

        private static PodNode EnvVar(ClusterContext context, EnvVarOutput variable)
        {
            PodNode env = PodNode.Map(("name", PodNode.String(variable.Name)));
            if (variable.FieldPath is { } path)
            {
                env.Set("valueFrom", PodNode.Map(("fieldRef", PodNode.Map(("fieldPath", PodNode.String(path))))));
            }
            else if (variable.SecretName is { } secret)
            {
                env.Set("valueFrom", PodNode.Map(("secretKeyRef", PodNode.Map(("name", PodNode.String(secret)), ("key", PodNode.String(variable.SecretKey ?? string.Empty))))));
            }
            else if (variable.CopiedFrom is not null)
            {
                GcsFaultToleranceModel? gcs = context.Cluster.GcsFaultTolerance;
                ValueNode? credential = variable.Name == "REDIS_USERNAME" ? gcs?.RedisUsername : gcs?.RedisPassword;
                PodNode source = credential is { Kind: ValueKind.Map } ? PodNode.Of(credential) : PodNode.NewMap();
                CopyIfPresent(source, env, "value");
                CopyIfPresent(source, env, "valueFrom");
            }
            else if (variable.Value is { } value && !(value.Parts.Count == 1 && value.Parts[0].Kind == TemplatePartKind.Text && value.Parts[0].Text.Length == 0))
            {
                // Go's EnvVar.Value is omitempty: an empty value is not written.
                env.Set("value", PodNode.String(value));
            }

            return env;
        }

        private static void CopyIfPresent(PodNode from, PodNode to, string key)
        {
            if (from.Get(key) is { } value)
            {
                to.Set(key, value.Clone());
            }
        }

        private static void AppendItems(PodNode list, PodNode? items)
        {
            foreach (PodNode item in items?.Items ?? Array.Empty<PodNode>())
            {
                list.Add(item.Clone());
            }
        }

        private static PodNode Hole(TemplatePartKind kind) => PodNode.String(new TemplateBuilder().Hole(kind).Build());

        /// <summary>Semver comparison of <c>spec.rayVersion</c>; an unparsable version is not "at least".</summary>
        internal static bool IsAtLeast(string? version, int major, int minor, int patch)
        {
            string[] parts = (version ?? string.Empty).Trim().TrimStart('v').Split('-', '+')[0].Split('.');
            if (parts.Length != 3 || !parts.All(p => p.Length > 0 && p.All(char.IsDigit)))
            {
                return false;
            }

            int[] numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue).ToArray();
            return (numbers[0], numbers[1], numbers[2]).CompareTo((major, minor, patch)) >= 0;
        }
    }
}
