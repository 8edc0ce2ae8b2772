using System;
using System.Linq;
using RayGen.Helpers;
using RayGen.Internal;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>Values shared by all groups of one cluster (head port, head Service FQDN, overwrite).</summary>
    internal sealed class ClusterContext
    {
        public ClusterContext(ManifestModel manifest, ClusterSpecModel cluster, OperatorSettings settings)
        {
            Manifest = manifest;
            Cluster = cluster;
            Settings = settings;
            KubeRayProfile profile = settings.Profile;

            // HEADPORT: the head's own "port" param, verbatim (§4).
            HeadPort = cluster.Head.RayStartParams?.LastOrDefault(p => p.Key == "port")?.Value ?? "6379";

            HeadService = profile.CustomHeadServiceName && cluster.HeadServiceName is { } custom
                ? TextTemplate.Literal(custom)
                : new TemplateBuilder().Hole(TemplatePartKind.HeadServiceName).Build();
            string domain = settings.ClusterDomain.Length > 0 ? settings.ClusterDomain : "cluster.local";
            Fqdn = new TemplateBuilder().Append(HeadService).Append(".").Hole(TemplatePartKind.Namespace).Append(".svc." + domain).Build();

            string option = profile.BashOption + (profile.HonorsLoginShellKnob && settings.EnableLoginShell ? "l" : string.Empty);
            BashCommand = new[] { "/bin/bash", option, "--" }.ToEquatableArrayFast();

            // RayCronJob does not copy its annotations onto the RayJob it creates (rules.md §0.2).
            ClusterOverwrite = manifest.Kind != RayKinds.RayCronJob
                && ClusterBuilder.IsTrue(manifest.Annotations, "ray.io/overwrite-container-cmd");
        }

        public ManifestModel Manifest { get; }

        public ClusterSpecModel Cluster { get; }

        public OperatorSettings Settings { get; }

        public string HeadPort { get; }

        /// <summary><c>HEADSVC.NAMESPACE.svc.DOMAIN</c>.</summary>
        public TextTemplate Fqdn { get; }

        /// <summary><c>HEADSVC</c> (also <c>RAY_IP</c>).</summary>
        public TextTemplate HeadService { get; }

        public EquatableArray<string> BashCommand { get; }

        public bool ClusterOverwrite { get; }

        /// <summary>The cluster name KubeRay will use, when the manifest decides it (RayCluster only).</summary>
        public string? ClusterName => Manifest.Kind == RayKinds.RayCluster && !Manifest.NameIsPrefix ? Manifest.Name : null;

        /// <summary>Renders a template with the manifest's own name and namespace, or <c>null</c> when one is unknown.</summary>
        public string? TryRenderWithManifestValues(TextTemplate template)
        {
            string? headService = null;
            if (template.Uses(TemplatePartKind.HeadServiceName))
            {
                if (ClusterName is null)
                {
                    return null;
                }

                headService = KubeRayNaming.HeadServiceName(ClusterName, Settings.Profile.LegacyHeadServiceNaming);
            }

            if ((template.Uses(TemplatePartKind.Namespace) && Manifest.Namespace is null) || template.Uses(TemplatePartKind.ClusterUid))
            {
                return null;
            }

            return template.Render(headService, Manifest.Namespace);
        }
    }
}
