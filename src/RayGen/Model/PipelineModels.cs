using RayGen.Helpers;

// Pipeline models of RayClusterGenerator. Cache keys: immutable, value equality, no Roslyn or YAML
// objects (see ManifestModels.cs).
namespace RayGen.Model
{
    /// <summary>A YAML AdditionalFile with its per-item settings, read once per text change.</summary>
    internal sealed record FileInput(string RelativePath, string Text, string? KubeRayVersion);

    /// <summary>The manifests of one file, independent of the KubeRay version (so a version change does not re-parse).</summary>
    internal sealed record ParsedFile(string RelativePath, string? KubeRayVersion, EquatableArray<ManifestModel> Manifests);

    /// <summary>The clusters of one file as the operator builds them.</summary>
    internal sealed record ClusterFile(string RelativePath, EquatableArray<ClusterOutputModel> Clusters);

    /// <summary>Identity of a cluster for naming: only what names depend on.</summary>
    internal sealed record ClusterKey(string SourcePath, int DocumentIndex, string Name, string Kind);

    /// <summary>The C# name given to a cluster class, and the hint name of its file.</summary>
    internal sealed record ClusterName(string SourcePath, int DocumentIndex, string Identifier);

    internal sealed record FileHint(string SourcePath, string HintName);

    /// <summary>All names, decided together so collisions resolve the same way in every build.</summary>
    internal sealed record NameMap(EquatableArray<ClusterName> Clusters, EquatableArray<FileHint> Files);

    /// <summary>
    /// What the string literals of one cluster's generated code cost, in <c>CSharpNames.LiteralCost</c> units
    /// (characters plus 3 per literal), for the literal budget (RayClusterGenerator.LiteralBudget.cs).
    /// </summary>
    internal sealed record ClusterLiteralCost(string SourcePath, int DocumentIndex, long Characters);

    /// <summary>The literal costs of one file's clusters: equal after an edit that keeps every cost, so the budget step stays cached.</summary>
    internal sealed record FileLiteralCosts(string RelativePath, EquatableArray<ClusterLiteralCost> Clusters);

    /// <summary>The clusters the literal budget leaves out, in (SourcePath, document index) order; empty in any ordinary project.</summary>
    internal sealed record SkippedClusters(EquatableArray<ClusterLiteralCost> Clusters);

    /// <summary>Everything the emitter needs for one file's source.</summary>
    internal sealed record FileEmitModel(
        string HintName,
        string CodeNamespace,
        bool Public,
        EquatableArray<NamedCluster> Clusters);

    internal sealed record NamedCluster(string Identifier, ClusterOutputModel Cluster);

    /// <summary>The catalog file: the cluster classes in (SourcePath, document index) order.</summary>
    internal sealed record CatalogModel(string CodeNamespace, bool Public, EquatableArray<string> Identifiers);
}
