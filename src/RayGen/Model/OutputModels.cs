using System.Linq;
using System.Text;
using RayGen.Helpers;

// Output models: what KubeRay would write, computed before the emit step so that an equal result
// stops the pipeline (the emitter only prints them). Same cache-key rules as ManifestModels.cs.
namespace RayGen.Model
{
    internal enum TemplatePartKind
    {
        Text,
        HeadServiceName,
        Namespace,

        /// <summary>The RayCluster's UID (GCS fault tolerance storage namespace default).</summary>
        ClusterUid,

        // Holes of pod factories only (labels, names): rendered by generated code from its parameters.

        /// <summary>The RayCluster name.</summary>
        ClusterName,

        /// <summary><c>CheckName(clusterName)</c>: default service account and auth secret name.</summary>
        CheckedClusterName,

        /// <summary><c>ray.io/identifier</c>: <c>CheckLabel(clusterName + "-head"|"-worker")</c>.</summary>
        NodeIdentifier,

        /// <summary>The pod's <c>generateName</c>.</summary>
        PodNamePrefix,

        /// <summary>The worker replica index (<c>ray.io/worker-group-replica-index</c>).</summary>
        ReplicaIndex,

        /// <summary>The multi-host replica name (<c>ray.io/worker-group-replica-name</c>).</summary>
        ReplicaName,

        /// <summary>The host index inside a multi-host replica (<c>ray.io/replica-host-index</c>).</summary>
        HostIndex,
    }

    internal sealed record TemplatePart(TemplatePartKind Kind, string Text);

    /// <summary>Text with typed holes for deploy-time values; mirrors RayGen.RayTemplate at run time.</summary>
    internal sealed record TextTemplate(EquatableArray<TemplatePart> Parts)
    {
        public static TextTemplate Literal(string text) => new(new[] { new TemplatePart(TemplatePartKind.Text, text) }.ToEquatableArray());

        public bool HasHoles => Parts.Any(p => p.Kind != TemplatePartKind.Text);

        public bool Uses(TemplatePartKind kind) => Parts.Any(p => p.Kind == kind);

        /// <summary>Renders with the given values; a hole without a value renders as <c>$(KIND)</c>-style marker text.</summary>
        public string Render(string? headServiceName, string? @namespace, string? clusterUid = null)
        {
            var builder = new StringBuilder();
            foreach (TemplatePart part in Parts)
            {
                builder.Append(part.Kind switch
                {
                    TemplatePartKind.HeadServiceName => headServiceName ?? "<head-service>",
                    TemplatePartKind.Namespace => @namespace ?? "<namespace>",
                    TemplatePartKind.ClusterUid => clusterUid ?? "<cluster-uid>",
                    _ => part.Text,
                });
            }

            return builder.ToString();
        }

        public override string ToString() => Render(null, null);
    }

    /// <summary>
    /// An env var KubeRay appends: a literal/template <paramref name="Value"/>, a downward-API
    /// <paramref name="FieldPath"/>, or a <c>valueFrom</c> copied from the manifest field named by
    /// <paramref name="CopiedFrom"/>.
    /// </summary>
    /// <remarks><paramref name="SecretName"/>/<paramref name="SecretKey"/>: a <c>secretKeyRef</c> (token auth).</remarks>
    internal sealed record EnvVarOutput(
        string Name,
        TextTemplate? Value,
        string? FieldPath = null,
        string? CopiedFrom = null,
        TextTemplate? SecretName = null,
        string? SecretKey = null);

    /// <summary>The injected <c>wait-gcs-ready</c> init container (worker pods).</summary>
    /// <param name="CopiesRayContainerResources">Before 1.0.0 the resources were copied from the Ray container; after, fixed 200m/256Mi.</param>
    internal sealed record InitContainerOutput(
        string Name,
        string? Image,
        string? ImagePullPolicy,
        EquatableArray<string> Command,
        TextTemplate? Script,
        bool CopiesRayContainerResources,
        EquatableArray<EnvVarOutput> AddedEnv);

    internal sealed record GroupOutputModel(
        string GroupName,
        bool IsHead,
        string ContainerName,
        string? Image,
        bool IsCommandGenerated,
        EquatableArray<string> Command,
        EquatableArray<TextTemplate> Args,
        TextTemplate RayStartCommand,
        EquatableArray<KeyValue> RayStartParams,
        EquatableArray<EnvVarOutput> AddedEnv,
        InitContainerOutput? WaitGcsReady,
        ValueNode? Pod = null);

    internal sealed record ClusterOutputModel(
        string Kind,
        string Name,
        bool NameIsPrefix,
        string? Namespace,
        string SourcePath,
        int DocumentIndex,
        string KubeRayVersion,
        bool LegacyHeadServiceNaming,
        GroupOutputModel Head,
        EquatableArray<GroupOutputModel> Workers);
}
