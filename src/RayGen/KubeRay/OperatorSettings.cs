namespace RayGen.KubeRay
{
    /// <summary>
    /// Operator-level knobs that are not in any manifest (kuberay-pod-command.md §0), fixed per build
    /// through MSBuild properties. A cache key: value equality.
    /// </summary>
    internal sealed record OperatorSettings(
        KubeRayProfile Profile,
        string ClusterDomain,
        bool EnableLoginShell,
        bool EnableInitContainerInjection,
        bool EnableProbesInjection,
        FeatureGates FeatureGates,
        bool HeadClusterIPService = false)
    {
        public static OperatorSettings Default { get; } = new(KubeRayProfiles.Default, "cluster.local", false, true, true, FeatureGates.None);
    }
}
