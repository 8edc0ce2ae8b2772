using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Generator;
using RayGen.KubeRay;
using RayGen.Manifests;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0193: a RayGen MSBuild setting or a file's <c>KubeRayVersion</c> metadata that RayGen cannot
    /// use. The generator then generates nothing for what the setting governs instead of guessing.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SettingsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidSetting);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationAction(static compilationContext =>
            {
                RayGenSettings settings = RayClusterGenerator.ReadSettings(compilationContext.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
                foreach (SettingProblem problem in settings.Problems)
                {
                    compilationContext.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.InvalidSetting, Location.None, "MSBuild property " + problem.Setting, problem.Value, problem.Accepted));
                }
            });
            context.RegisterAdditionalFileAction(static fileContext =>
            {
                AdditionalText file = fileContext.AdditionalFile;
                if (!ManifestFile.IsYamlPath(file.Path))
                {
                    return;
                }

                var options = fileContext.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if (RayClusterGenerator.IsEnabled(options) && RayClusterGenerator.VersionMetadata(options) is { } version
                    && KubeRayProfiles.Find(version) is null)
                {
                    fileContext.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.InvalidSetting,
                        Location.Create(file.Path, default, default),
                        "AdditionalFiles metadata " + RayGenSettings.VersionMetadata,
                        version,
                        "one of " + KubeRayProfiles.Supported + " (also as x.y.z or vx.y.z)"));
                }
            });
        }
    }
}
