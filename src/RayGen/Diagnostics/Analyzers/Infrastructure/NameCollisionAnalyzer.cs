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
                    var byPosition = all.GroupBy(c => (c.Key.SourcePath, c.Key.DocumentIndex)).ToDictionary(g => g.Key, g => g.First());

                    foreach (ClusterName name in names.Clusters)
                    {
                        var cluster = byPosition[(name.SourcePath, name.DocumentIndex)];
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

            // The groupName nodes by name in YAML order (the reader keeps manifest order): the n-th group
            // of a name is the n-th node, found in O(1) even when a file repeats one name many times.
            var nodes = new Dictionary<string, Queue<YamlNode>>(StringComparer.Ordinal);
            foreach (YamlNode item in workerSpecs?.Items ?? Array.Empty<YamlNode>())
            {
                if (item.Get("groupName") is { } node)
                {
                    (nodes.TryGetValue(node.Value, out var queue) ? queue : nodes[node.Value] = new Queue<YamlNode>()).Enqueue(node);
                }
            }

            for (int i = 0; i < groups.Length; i++)
            {
                string wanted = CSharpNames.ToPascalCase(groups[i], "Group");
                YamlNode? nameNode = nodes.TryGetValue(groups[i], out var sameName) && sameName.Count > 0 ? sameName.Dequeue() : null;
                if (wanted == members[i])
                {
                    continue;
                }

                RuleReporter.Report(context, file, Descriptors.NameCollision, nameNode?.Span ?? SourceSpan.Empty, null, "Worker group", groups[i], wanted, members[i]);
            }
        }
    }
}
