using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Helpers;
using RayGen.KubeRay;

namespace RayGen.Generator
{
    /// <summary>A setting that could not be used: which one, the value, and what is accepted.</summary>
    internal sealed record SettingProblem(string Setting, string Value, string Accepted);

    /// <summary>
    /// The project-level RayGen settings (MSBuild properties made compiler-visible by RayGen.props),
    /// parsed once. A cache key: value equality. <see cref="Operator"/> is <c>null</c> when the KubeRay
    /// version is invalid (files with valid <c>KubeRayVersion</c> metadata still work, see
    /// <see cref="ForFile"/>), and <see cref="CodeNamespace"/> is <c>null</c> when the namespace is
    /// invalid: RayGen then reports RAY0193 and does not guess.
    /// </summary>
    internal sealed record RayGenSettings(
        OperatorSettings? Operator,
        OperatorSettings Knobs,
        string? CodeNamespace,
        bool Public,
        string ProjectDirectory,
        EquatableArray<SettingProblem> Problems)
    {
        public const string VersionProperty = "RayGenKubeRayVersion";
        public const string VersionMetadata = "KubeRayVersion";
        public const string EnabledMetadata = "RayGen";

        public static RayGenSettings Default { get; } = Parse(_ => null);

        /// <summary>Reads the settings through <paramref name="property"/> (name without <c>build_property.</c>).</summary>
        public static RayGenSettings Parse(Func<string, string?> property)
        {
            var problems = new List<SettingProblem>();

            string? versionText = NonEmpty(property(VersionProperty));
            KubeRayProfile? profile = versionText is null ? KubeRayProfiles.Default : KubeRayProfiles.Find(versionText);
            if (profile is null)
            {
                problems.Add(new SettingProblem(VersionProperty, versionText!, "one of " + KubeRayProfiles.Supported + " (also as x.y.z or vx.y.z)"));
            }

            bool loginShell = Bool(property, "RayGenEnableLoginShell", false, problems);
            bool initInjection = Bool(property, "RayGenEnableInitContainerInjection", true, problems);
            bool isPublic = Bool(property, "RayGenPublic", false, problems);
            bool probes = Bool(property, "RayGenEnableProbesInjection", true, problems);
            bool headClusterIP = Bool(property, "RayGenHeadClusterIPService", false, problems);
            FeatureGates gates = FeatureGates.Parse(property("RayGenFeatureGates"), out string? invalidGate);
            if (invalidGate is not null)
            {
                problems.Add(new SettingProblem("RayGenFeatureGates", invalidGate, "a comma list of gate names, each optionally '=true' or '=false'"));
            }

            string domain = NonEmpty(property("RayGenClusterDomain")) ?? "cluster.local";

            string codeNamespace = NonEmpty(property("RayGenNamespace")) ?? "RayGen.Generated";
            string? validNamespace = CSharpNames.IsValidNamespace(codeNamespace) ? codeNamespace : null;
            if (validNamespace is null)
            {
                problems.Add(new SettingProblem("RayGenNamespace", codeNamespace, "a C# namespace such as RayGen.Generated"));
            }

            var knobs = new OperatorSettings(profile ?? KubeRayProfiles.Default, domain, loginShell, initInjection, probes, gates, headClusterIP);
            return new RayGenSettings(
                profile is null ? null : knobs,
                knobs,
                validNamespace,
                isPublic,
                (NonEmpty(property("MSBuildProjectDirectory")) ?? string.Empty).Replace('\\', '/'),
                problems.ToEquatableArray());
        }

        /// <summary>The operator settings for one file, honoring its <c>KubeRayVersion</c> item metadata.</summary>
        public OperatorSettings? ForFile(string? versionMetadata)
        {
            if (NonEmpty(versionMetadata) is not { } text)
            {
                return Operator;
            }

            return KubeRayProfiles.Find(text) is { } profile ? Knobs with { Profile = profile } : null;
        }

        private static bool Bool(Func<string, string?> property, string name, bool defaultValue, List<SettingProblem> problems)
        {
            string? text = NonEmpty(property(name));
            if (text is null)
            {
                return defaultValue;
            }

            if (bool.TryParse(text.Trim(), out bool value))
            {
                return value;
            }

            problems.Add(new SettingProblem(name, text, "true or false"));
            return defaultValue;
        }

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
