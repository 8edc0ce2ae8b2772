using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Generator;
using RayGen.Helpers;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0194: two clusters (or two groups of one cluster) map to the same C# name, or a name collides
    /// with a generated member. The generator resolves it deterministically with a numeric suffix; this
    /// says which name each got. Runs the generator's own naming code.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NameCollisionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NameCollision);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                RayGenSettings settings = RayClusterGenerator.ReadSettings(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
                start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.MSBuildProjectDirectory", out string? projectDirectory);
                var clusters = new ConcurrentBag<(ClusterKey Key, SourceSpan Span, AnalyzedFile File, string Path, AnalyzerConfigOptions Options)>();
                start.RegisterAdditionalFileAction(fileContext =>
                {
                    if (AnalyzedFile.Get(fileContext) is not { Yaml: { } yaml } file)
                    {
                        return;
                    }

                    string path = fileContext.AdditionalFile.Path;
                    string relative = ManifestFile.RelativePath(path, projectDirectory ?? string.Empty);
                    foreach (ManifestModel manifest in file.Manifests)
                    {
                        if (!manifest.IsRayKind || manifest.Cluster is null)
                        {
                            continue;
                        }

                        YamlNode? root = yaml.Documents.FirstOrDefault(d => d.Index == manifest.DocumentIndex)?.Root;
                        YamlNode? metadata = root?.Get("metadata");
                        SourceSpan span = (metadata?.Get("name") ?? metadata?.Get("generateName"))?.Span ?? SourceSpan.Empty;
                        AnalyzerConfigOptions options = fileContext.Options.AnalyzerConfigOptionsProvider.GetOptions(fileContext.AdditionalFile);
                        clusters.Add((new ClusterKey(relative, manifest.DocumentIndex, manifest.Name, manifest.Kind), span, file, path, options));
                        ReportGroupCollisions(fileContext, file, root, manifest);
                    }
                });
                start.RegisterCompilationEndAction(end =>
                {
                    if (settings.CodeNamespace is null)
                    {
                        return;
                    }

                    var all = clusters.ToArray();
                    NameMap names = RayClusterGenerator.AssignNames(ImmutableArray.Create(all.Select(c => c.Key).ToEquatableArray()));
                    foreach (ClusterName name in names.Clusters)
                    {
                        var cluster = all.First(c => c.Key.SourcePath == name.SourcePath && c.Key.DocumentIndex == name.DocumentIndex);
                        string wanted = CSharpNames.ToPascalCase(cluster.Key.Name, "Cluster");
                        if (wanted != name.Identifier)
                        {
                            RuleReporter.Report(end.ReportDiagnostic, cluster.Options, cluster.File, cluster.Path, Descriptors.NameCollision, cluster.Span, null,
                                cluster.Key.Kind, cluster.Key.Name, wanted, name.Identifier);
                        }
                    }
                });
            });
        }

        private static void ReportGroupCollisions(AdditionalFileAnalysisContext context, AnalyzedFile file, YamlNode? root, ManifestModel manifest)
        {
            string identifier = CSharpNames.ToPascalCase(manifest.Name, "Cluster");
            string[] groups = manifest.Cluster!.Workers.Select(w => w.GroupName).ToArray();
            IReadOnlyList<string> members = RayClusterGenerator.Emitter.WorkerMemberNames(identifier, groups);
            YamlNode? workerSpecs = root is null ? null : ClusterSpecLocator.ClusterSpec(root)?.Get("workerGroupSpecs");
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < groups.Length; i++)
            {
                string wanted = CSharpNames.ToPascalCase(groups[i], "Group");
                seen[groups[i]] = seen.TryGetValue(groups[i], out int count) ? count + 1 : 1;
                if (wanted == members[i])
                {
                    continue;
                }

                // The n-th group with this name in the YAML (the reader keeps manifest order).
                YamlNode? nameNode = workerSpecs?.Items
                    .Select(item => item.Get("groupName"))
                    .Where(n => n?.Value == groups[i])
                    .Skip(seen[groups[i]] - 1)
                    .FirstOrDefault();
                RuleReporter.Report(context, file, Descriptors.NameCollision, nameNode?.Span ?? SourceSpan.Empty, null, "Worker group", groups[i], wanted, members[i]);
            }
        }
    }
}
