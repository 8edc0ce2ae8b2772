namespace RayGen
{
    /// <summary>Names of the generator's pipeline steps, asserted by the incremental-caching tests.</summary>
    internal static class TrackingNames
    {
        public const string Settings = nameof(Settings);
        public const string FileInputs = nameof(FileInputs);
        public const string ParsedFiles = nameof(ParsedFiles);
        public const string ClusterFiles = nameof(ClusterFiles);
        public const string Names = nameof(Names);
        public const string EmitModels = nameof(EmitModels);
        public const string Catalog = nameof(Catalog);
        public const string KubernetesModel = nameof(KubernetesModel);
        public const string PodFactories = nameof(PodFactories);
        public const string LiteralCosts = nameof(LiteralCosts);
        public const string LiteralBudget = nameof(LiteralBudget);
    }
}
