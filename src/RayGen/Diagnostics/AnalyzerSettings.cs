using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Generator;
using RayGen.KubeRay;

namespace RayGen.Diagnostics
{
    /// <summary>The KubeRay profile an analyzer applies to a file: the file's metadata, else the project setting.</summary>
    internal static class AnalyzerSettings
    {
        // Every analyzer asks for every file on every run (the IDE re-runs them after each C# edit); the build's
        // global options object stays the same meanwhile, so its settings are parsed once, not once per call.
        private static readonly ConditionalWeakTable<AnalyzerConfigOptions, RayGenSettings> Settings = new();

        /// <summary><c>null</c> when the version setting is invalid (RAY0193 says so; version-gated rules stay quiet).</summary>
        public static KubeRayProfile? ProfileFor(AdditionalFileAnalysisContext context) => OperatorFor(context)?.Profile;

        /// <summary>The operator settings (profile and knobs) for the file; <c>null</c> when its version setting is invalid.</summary>
        public static OperatorSettings? OperatorFor(AdditionalFileAnalysisContext context)
        {
            AnalyzerConfigOptionsProvider options = context.Options.AnalyzerConfigOptionsProvider;
            RayGenSettings settings = Settings.GetValue(options.GlobalOptions, static global => RayClusterGenerator.ReadSettings(global));
            return settings.ForFile(RayClusterGenerator.VersionMetadata(options.GetOptions(context.AdditionalFile)));
        }
    }
}
