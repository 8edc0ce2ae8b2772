using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0190: a value RayGen's rules need holds template syntax that nothing evaluates before KubeRay sees
    /// it (Helm <c>{{ }}</c>, or envsubst-style <c>$NAME</c>/<c>${NAME}</c>/<c>$(NAME)</c> in fields no shell
    /// and no kubelet expands). Reported once per node, as Info: the checks that need it are skipped.
    /// Shell text and env values are not templates (rules.md §0.5).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TemplatedValueAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Templated;

        private static readonly Regex Marker = new(@"\{\{|\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\([A-Za-z_][A-Za-z0-9_]*\)", RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(static fileContext =>
            {
                if (AnalyzedFile.Get(fileContext) is not { Yaml: { } yaml } file)
                {
                    return;
                }

                foreach (YamlDocument document in yaml.Documents)
                {
                    if (document.Root is not { Kind: YamlNodeKind.Mapping } root
                        || root.Get("kind")?.Value is not { } kind || !RayKinds.IsRayKind(kind)
                        || root.Get("apiVersion")?.Value is not { } apiVersion || !RayKinds.IsRayApiVersion(apiVersion))
                    {
                        continue;
                    }

                    foreach ((string field, YamlNode node) in Fields(root))
                    {
                        if (node.Kind == YamlNodeKind.Scalar && Marker.IsMatch(node.Value))
                        {
                            RuleReporter.Report(fileContext, file, Rule, node.Span, null,
                                $"'{field}' is templated ('{node.Value}'): RayGen cannot evaluate it, so the checks that need it were skipped");
                        }
                    }
                }
            });
        }

        /// <summary>The fields rules read that no shell or kubelet expands.</summary>
        private static IEnumerable<(string Field, YamlNode Node)> Fields(YamlNode root)
        {
            if (root.Get("metadata") is { } metadata)
            {
                foreach (var pair in Scalars("metadata.name", metadata.Get("name")).Concat(Values("metadata.annotations", metadata.Get("annotations"))))
                {
                    yield return pair;
                }
            }

            if (ClusterSpecLocator.ClusterSpec(root) is not { Kind: YamlNodeKind.Mapping } spec)
            {
                yield break;
            }

            foreach (var pair in Scalars("rayVersion", spec.Get("rayVersion")))
            {
                yield return pair;
            }

            var groups = new List<YamlNode>();
            if (spec.Get("headGroupSpec") is { } head)
            {
                groups.Add(head);
            }

            if (spec.Get("workerGroupSpecs") is { Kind: YamlNodeKind.Sequence } workers)
            {
                groups.AddRange(workers.Items);
            }

            foreach (YamlNode group in groups.Where(g => g.Kind == YamlNodeKind.Mapping))
            {
                YamlNode? template = group.Get("template");
                YamlNode? podSpec = template?.Get("spec");
                IEnumerable<(string, YamlNode)> fields = Scalars("groupName", group.Get("groupName"))
                    .Concat(Values("resources", group.Get("resources")))
                    .Concat(Values("template.metadata.annotations", template?.Get("metadata")?.Get("annotations")))
                    .Concat(Scalars("serviceAccountName", podSpec?.Get("serviceAccountName")));
                foreach (YamlNode container in podSpec?.Get("containers")?.Items ?? Enumerable.Empty<YamlNode>())
                {
                    YamlNode? resources = container.Get("resources");
                    fields = fields
                        .Concat(Scalars("image", container.Get("image")))
                        .Concat(Scalars("name", container.Get("name")))
                        .Concat(Values("resources.limits", resources?.Get("limits")))
                        .Concat(Values("resources.requests", resources?.Get("requests")));
                }

                foreach (var pair in fields)
                {
                    yield return pair;
                }
            }
        }

        private static IEnumerable<(string, YamlNode)> Scalars(string field, YamlNode? node) =>
            node is { Kind: YamlNodeKind.Scalar } ? new[] { (field, node) } : Enumerable.Empty<(string, YamlNode)>();

        private static IEnumerable<(string, YamlNode)> Values(string field, YamlNode? map) =>
            map is { Kind: YamlNodeKind.Mapping }
                ? map.Entries.Where(e => e.Value.Kind == YamlNodeKind.Scalar).Select(e => (field + "." + e.Key.Value, e.Value))
                : Enumerable.Empty<(string, YamlNode)>();
    }
}
