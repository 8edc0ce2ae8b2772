using Microsoft.CodeAnalysis;

namespace RayGen.Diagnostics
{
    /// <summary>
    /// Descriptors of the rules RayGen reports. Every ID has a page docs/rules/&lt;ID&gt;.md (a test
    /// checks it) and an entry in AnalyzerReleases.Unshipped.md.
    /// </summary>
    internal static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/raygen-dev/raygen/blob/main/docs/rules/";

        private const string Category = "RayGen";

        public static readonly DiagnosticDescriptor NonStringRayStartParam = Create(
            RuleIds.NonStringRayStartParam, "rayStartParams value is not a string",
            "{0}",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NoContainers = Create(
            RuleIds.NoContainers, "Group template has no containers",
            "Group '{0}' has no containers; KubeRay needs the Ray container at containers[0] (the schema requires 'containers')",
            DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor Templated = Create(
            RuleIds.Templated, "Value is templated; dependent checks were skipped",
            "{0}", DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor Unparsable = Create(
            RuleIds.UnparsableYaml, "YAML could not be parsed, or a Ray resource has an unexpected shape",
            "{0}", DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor DeprecatedApiVersion = Create(
            RuleIds.DeprecatedApiVersion, "ray.io/v1alpha1 is deprecated",
            "{0}", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor InvalidSetting = Create(
            RuleIds.InvalidSetting, "Unknown or invalid RayGen setting",
            "{0} '{1}' is not valid; expected {2}", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor NameCollision = Create(
            RuleIds.NameCollision, "Generated name collision",
            "{0} '{1}' maps to the C# name '{2}', which is already taken; it is generated as '{3}'",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor InputLimitExceeded = Create(
            RuleIds.InputLimitExceeded, "Input limit exceeded",
            "{0} (limits: docs/limits.md).", DiagnosticSeverity.Warning);

        /// <summary>
        /// RAY0195 for the literal budget: the same rule, reported at compilation end because the budget spans
        /// every file (LiteralBudgetAnalyzer); the reader's budgets above are reported per file.
        /// </summary>
        public static readonly DiagnosticDescriptor LiteralBudgetExceeded = Create(
            RuleIds.InputLimitExceeded, "Input limit exceeded",
            "{0} (limits: docs/limits.md).", DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor UnknownPodField = Create(
            RuleIds.UnknownPodField, "Field unknown to the Kubernetes model",
            "'{0}' is not a field of {1} in the referenced KubernetesClient; the pod factory leaves it out, as the API server would prune it",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor PodFactoryOmitsFeature = Create(
            RuleIds.PodFactoryOmitsFeature, "The pod factory omits parts KubeRay adds for this feature",
            "{0} turns on {1}: KubeRay then also adds {2}, which the generated pod factory omits (it adds only the env vars); add them yourself to pods you create from the factory",
            DiagnosticSeverity.Info);

        public static readonly DiagnosticDescriptor InternalError = Create(
            RuleIds.InternalError, "Internal error in RayGen",
            "RayGen failed on this file ({0}: {1} at {2}); the file was skipped. Please report it with the YAML.",
            DiagnosticSeverity.Warning);

        public static DiagnosticDescriptor? ForId(string id) => id switch
        {
            RuleIds.NonStringRayStartParam => NonStringRayStartParam,
            RuleIds.NoContainers => NoContainers,
            RuleIds.Templated => Templated,
            RuleIds.UnparsableYaml => Unparsable,
            RuleIds.DeprecatedApiVersion => DeprecatedApiVersion,
            RuleIds.InvalidSetting => InvalidSetting,
            RuleIds.NameCollision => NameCollision,
            RuleIds.InputLimitExceeded => InputLimitExceeded,
            RuleIds.UnknownPodField => UnknownPodField,
            RuleIds.PodFactoryOmitsFeature => PodFactoryOmitsFeature,
            RuleIds.InternalError => InternalError,
            _ => null,
        };

        /// <summary>Creates a descriptor with RayGen's category and help link (rules keep theirs beside the analyzer).</summary>
        internal static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, params string[] tags) =>
            new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md", customTags: tags);
    }
}
