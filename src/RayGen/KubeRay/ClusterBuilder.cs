using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// Computes, for every group of a Ray manifest, what the operator writes into the Ray container:
    /// command, args, the <c>ray start</c> line, effective params, added env and the wait-gcs-ready
    /// init container (kuberay-pod-command.md §1–§8, per <see cref="KubeRayProfile"/>).
    /// </summary>
    internal static class ClusterBuilder
    {
        private const string OverwriteAnnotation = "ray.io/overwrite-container-cmd";
        private const string DefaultHeadPort = "6379";

        /// <param name="pods">
        /// Also build each group's whole pod (<see cref="GroupOutputModel.Pod"/>). Only the pod factories need it
        /// (projects that reference KubernetesClient), and it costs more than the rest of the cluster together.
        /// </param>
        public static ClusterOutputModel? Build(ManifestModel manifest, string sourcePath, OperatorSettings settings, bool pods)
        {
            if (manifest.Cluster is not { } cluster || !manifest.IsRayKind)
            {
                return null;
            }

            var context = new ClusterContext(manifest, cluster, settings);
            GroupOutputModel head = BuildGroup(context, cluster.Head, pods);
            GroupOutputModel[] workers = cluster.Workers.Select(w => BuildGroup(context, w, pods)).ToArray();
            return new ClusterOutputModel(
                manifest.Kind,
                manifest.Name,
                manifest.NameIsPrefix,
                manifest.Namespace,
                sourcePath,
                manifest.DocumentIndex,
                settings.Profile.Version,
                settings.Profile.LegacyHeadServiceNaming,
                head,
                workers.ToEquatableArrayFast());
        }

        /// <summary>The Ray container of a group: index 0, or the env-marked one before 1.0.0.</summary>
        public static ContainerModel RayContainer(GroupModel group, KubeRayProfile profile)
        {
            if (profile.RayContainer == RayContainerSelection.RayEnvMarker)
            {
                foreach (ContainerModel container in group.Containers)
                {
                    if (container.Env.Any(e => e.Name == "ray" && e.Value == "true"))
                    {
                        return container;
                    }
                }
            }

            return group.Containers[0];
        }

        private static GroupOutputModel BuildGroup(ClusterContext context, GroupModel group, bool pods)
        {
            KubeRayProfile profile = context.Settings.Profile;
            ContainerModel container = RayContainer(group, profile);
            var parameters = new RayStartParams(group.RayStartParams);

            // §1 order: group fields, defaults, autoscaling, GCS fault tolerance, then BuildPod.
            ResourceDerivation.ApplyGroupFields(parameters, group, profile);
            ApplyDefaults(context, parameters, group.IsHead);
            if (group.IsHead && context.Cluster.EnableInTreeAutoscaling)
            {
                parameters.Set("no-monitor", "true");
            }

            if (group.IsHead && profile.GcsFaultToleranceOptions && context.Cluster.GcsFaultTolerance is { } gcs)
            {
                if (gcs.HasRedisUsername)
                {
                    parameters.Set("redis-username", "$REDIS_USERNAME");
                }

                if (gcs.HasRedisPassword)
                {
                    parameters.Set("redis-password", "$REDIS_PASSWORD");
                }
            }

            string joined = RenderUserCommand(container);
            bool overwrite = profile.OverwriteAnnotation && (context.ClusterOverwrite || IsTrue(group.TemplateAnnotations, OverwriteAnnotation));
            bool suppressed = overwrite || joined.Contains("ray start");

            // Before 1.1.0 the ray start line was only computed when KubeRay generated the command.
            if (!suppressed || profile.OverwriteAnnotation)
            {
                ResourceDerivation.ApplyContainerResources(parameters, container, profile);
            }

            var rayStart = new TemplateBuilder().Append(group.IsHead ? "ray start --head " : "ray start ");
            parameters.RenderFlags(rayStart, profile.SpecialBooleanParams);
            TextTemplate rayStartCommand = rayStart.Build();

            EquatableArray<string> command;
            EquatableArray<TextTemplate> args;
            if (suppressed)
            {
                command = container.Command;
                args = container.Args.Select(TextTemplate.Literal).ToArray().ToEquatableArrayFast();
            }
            else
            {
                command = context.BashCommand;
                var tail = new TemplateBuilder();
                if (joined.Length > 0)
                {
                    tail.Append(joined).Append(" && ");
                }

                tail.Append(profile.Ulimit).Append("; ").Append(rayStartCommand);
                if (profile.Block == BlockDefault.AddIfMissing && !string.Equals(parameters.Get("block"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    tail.Append(" && sleep infinity");
                }

                args = new[] { tail.Build() }.ToEquatableArrayFast();
            }

            EquatableArray<KeyValue> effective = parameters
                .Resolve(t => context.TryRenderWithManifestValues(t))
                .ToEquatableArray();

            var output = new GroupOutputModel(
                group.GroupName,
                group.IsHead,
                container.Name,
                container.Image,
                !suppressed,
                command,
                args,
                rayStartCommand,
                effective,
                EnvBuilder.Build(context, group, container, rayStartCommand),
                group.IsHead ? null : WaitGcsReady(context, container));
            int rayIndex = 0;
            while (rayIndex < group.Containers.Count && !ReferenceEquals(group.Containers[rayIndex], container))
            {
                rayIndex++;
            }

            return pods ? output with { Pod = PodBuilder.Build(context, group, rayIndex, output) } : output;
        }

        /// <summary>§4 <c>setMissingRayStartParams</c>.</summary>
        private static void ApplyDefaults(ClusterContext context, RayStartParams parameters, bool isHead)
        {
            KubeRayProfile profile = context.Settings.Profile;
            if (!isHead)
            {
                parameters.SetIfMissing("address", new TemplateBuilder().Append(context.Fqdn).Append(":" + context.HeadPort).Build());
            }

            if (isHead && profile.DashboardHostDefault)
            {
                parameters.SetIfMissing("dashboard-host", "0.0.0.0");
            }

            parameters.SetIfMissing("metrics-export-port", "8080");
            if (profile.Block == BlockDefault.Forced)
            {
                parameters.Set("block", "true");
            }
            else
            {
                parameters.SetIfMissing("block", "true");
            }

            bool agentService = profile.AgentPort == AgentPortDefault.Always
                || context.Manifest.Kind == RayKinds.RayService
                || IsTrue(context.Manifest.Annotations, "ray.io/enableAgentService");
            if (agentService)
            {
                parameters.SetIfMissing("dashboard-agent-listen-port", "52365");
            }
        }

        /// <summary>§2 step 1: every element becomes " e ", command first, then args.</summary>
        public static string RenderUserCommand(ContainerModel container) =>
            string.Concat(container.Command.Concat(container.Args).Select(e => " " + e + " "));

        private static InitContainerOutput? WaitGcsReady(ClusterContext context, ContainerModel container)
        {
            KubeRayProfile profile = context.Settings.Profile;
            if (!context.Settings.EnableInitContainerInjection)
            {
                return null;
            }

            TextTemplate? script = null;
            if (profile.WaitGcsReadyScript is { } text)
            {
                // The Go format string has "%s:%s" twice; the profile holds {0} for "FQDN:port".
                var builder = new TemplateBuilder();
                string[] pieces = text.Split(new[] { "{0}" }, StringSplitOptions.None);
                for (int i = 0; i < pieces.Length; i++)
                {
                    builder.Append(pieces[i]);
                    if (i < pieces.Length - 1)
                    {
                        builder.Append(context.Fqdn).Append(":" + context.HeadPort);
                    }
                }

                script = builder.Build();
            }

            return new InitContainerOutput(
                "wait-gcs-ready",
                container.Image,
                container.ImagePullPolicy,
                context.BashCommand,
                script,
                CopiesRayContainerResources: !profile.FixedInitContainerResources,
                EnvBuilder.InitContainerEnv(context));
        }

        internal static bool IsTrue(EquatableArray<KeyValue> annotations, string key) =>
            annotations.Any(a => a.Key == key && string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase));
    }
}
