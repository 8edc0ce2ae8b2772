using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0028: a <c>ray.io/overwrite-container-cmd</c> annotation that does not do what it looks like: a YAML
    /// non-string value (the API server rejects it), a string other than true/false (KubeRay reads false), an
    /// operator before 1.1.0 (ignored), a RayCronJob's own metadata (not copied), or a misspelled key. Looks at the
    /// Ray resource's <c>metadata.annotations</c> and at every group template's annotations.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MalformedOverwriteAnnotationAnalyzer : DiagnosticAnalyzer
    {
        internal const string Key = "ray.io/overwrite-container-cmd";

        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.MalformedOverwriteAnnotation,
            "Malformed overwrite annotation",
            "{0}",
            DiagnosticSeverity.Error);

        /// <summary>The "ray.io/…" annotation and label keys KubeRay defines (utils/constant.go and the controllers).</summary>
        private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
        {
            Key, "ray.io/originated-from-cr-name", "ray.io/originated-from-crd", "ray.io/cluster", "ray.io/node-type", "ray.io/group",
            "ray.io/is-ray-node", "ray.io/identifier", "ray.io/serve", "ray.io/headless-worker-svc", "ray.io/hash-without-replicas-and-workers-to-delete",
            "ray.io/num-worker-groups", "ray.io/scheduler-name", "ray.io/priority-class-name", "ray.io/ft-enabled", "ray.io/external-storage-namespace",
            "ray.io/gcs-ft-redis-cleanup-finalizer", "ray.io/enable-serve-service", "ray.io/rayjob-finalizer", "ray.io/enableAgentService",
            "ray.io/initializing-timeout", "ray.io/cluster-dashboard", "ray.io/kuberay-version", "ray.io/worker-group-replica-name",
            "ray.io/worker-group-replica-index", "ray.io/replica-host-index", "ray.io/node-group", "ray.io/serviceaccount",
        };

        /// <summary>Helm/Go templates and envsubst-style references, which are templates in annotation values (rules.md §0.5).</summary>
        private static readonly System.Text.RegularExpressions.Regex TemplateMarker = new(@"\{\{|\$\{?[A-Za-z_]|\$\(", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule, Descriptors.InternalError);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(Analyze);
        }

        private static void Analyze(AdditionalFileAnalysisContext context)
        {
            if (AnalyzedFile.Get(context) is not { Yaml: { } yaml } file)
            {
                return;
            }

            OperatorSettings? settings = AnalyzerSettings.OperatorFor(context);
            KubeRayProfile? profile = settings?.Profile;
            try
            {
                IReadOnlyList<GroupArgs> groups = settings is null ? Array.Empty<GroupArgs>() : file.Groups(settings);
                foreach (YamlDocument document in yaml.Documents)
                {
                    if (document.Root is not { Kind: YamlNodeKind.Mapping } root || root.Get("kind")?.Value is not { } kind || !RayKinds.IsRayKind(kind)
                        || root.Get("apiVersion")?.Value is not { } apiVersion || !RayKinds.IsRayApiVersion(apiVersion))
                    {
                        continue;
                    }

                    // The resource's annotation governs every group; its message shows the first (head) group's final args.
                    Check(context, file, profile, root.Get("metadata")?.Get("annotations"), kind == RayKinds.RayCronJob ? kind : null, ExcerptWithin(groups, root.Span));
                    if (ClusterSpecLocator.ClusterSpec(root) is not { Kind: YamlNodeKind.Mapping } spec)
                    {
                        continue;
                    }

                    IEnumerable<YamlNode?> groupNodes = new[] { spec.Get("headGroupSpec") }
                        .Concat(spec.Get("workerGroupSpecs") is { Kind: YamlNodeKind.Sequence } workers ? workers.Items : Enumerable.Empty<YamlNode>());
                    foreach (YamlNode? group in groupNodes)
                    {
                        Check(context, file, profile, group?.Get("template")?.Get("metadata")?.Get("annotations"), null, group is null ? ExcerptWithin(groups, SourceSpan.Empty) : ExcerptWithin(groups, group.Span));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RuleReporter.ReportCrash(context, file, nameof(MalformedOverwriteAnnotationAnalyzer), ex);
            }
        }

        /// <summary>The "Final args: …" ending (issue #3) of the first group inside <paramref name="span"/>.</summary>
        private static string ExcerptWithin(IReadOnlyList<GroupArgs> groups, SourceSpan span) =>
            groups.FirstOrDefault(g => g.GroupNode.Span.Start >= span.Start && g.GroupNode.Span.End <= span.End && span.Length > 0) is { } group
                ? group.FinalArgsExcerpt
                : "Final args: none (no Ray container).";

        private static void Check(AdditionalFileAnalysisContext context, AnalyzedFile file, KubeRayProfile? profile, YamlNode? annotations, string? cronJobKind, string finalArgs)
        {
            if (annotations is not { Kind: YamlNodeKind.Mapping })
            {
                return;
            }

            foreach (YamlEntry entry in annotations.Entries)
            {
                if (entry.Key.Kind != YamlNodeKind.Scalar)
                {
                    continue;
                }

                string key = entry.Key.Value;
                if (key != Key)
                {
                    if (key.StartsWith("ray.io/", StringComparison.Ordinal) && !KnownKeys.Contains(key)
                        && (key.IndexOf("overwrite", StringComparison.OrdinalIgnoreCase) >= 0 || EditDistance(key, Key) <= 3))
                    {
                        RuleReporter.Report(context, file, Rule, entry.Key.Span, ProblemSeverity.Warning,
                            $"'{key}' is not an annotation KubeRay knows; did you mean '{Key}'? KubeRay ignores this one, so it generates the container command as usual. {finalArgs}");
                    }

                    continue;
                }

                YamlNode value = entry.Value;
                if (value.Kind == YamlNodeKind.Scalar && TemplateMarker.IsMatch(value.Value))
                {
                    continue; // a template (RAY0190): its value is only known after rendering
                }

                if (value.Kind != YamlNodeKind.Scalar || (!value.IsNull && value.ScalarType != YamlScalarType.String))
                {
                    string what = value.Kind != YamlNodeKind.Scalar ? "a " + value.Kind.ToString().ToLowerInvariant() : "a YAML " + value.ScalarType.ToString().ToLowerInvariant() + " (" + value.Value + ")";
                    RuleReporter.Report(context, file, Rule, value.Span, ProblemSeverity.Error,
                        $"The value of {Key} is {what}, not a string: annotations are map[string]string, so the API server rejects the object. Quote it: \"true\". {finalArgs}");
                    continue;
                }

                bool isTrue = string.Equals(value.Value, "true", StringComparison.OrdinalIgnoreCase);
                if (!isTrue && !string.Equals(value.Value, "false", StringComparison.OrdinalIgnoreCase))
                {
                    RuleReporter.Report(context, file, Rule, value.Span, ProblemSeverity.Warning,
                        $"{Key} is \"{value.Value}\": KubeRay turns overwrite mode on only for \"true\" (any case) and treats every other value as false, so it generates the container command. {finalArgs}");
                }
                else if (isTrue && profile is { OverwriteAnnotation: false })
                {
                    RuleReporter.Report(context, file, Rule, value.Span, ProblemSeverity.Warning,
                        $"KubeRay {profile.Version} ignores {Key} (it exists from 1.1.0): the container command is generated as usual, and KUBERAY_GEN_RAY_START_CMD is not defined. {finalArgs}");
                }
                else if (isTrue && cronJobKind is not null)
                {
                    RuleReporter.Report(context, file, Rule, value.Span, ProblemSeverity.Warning,
                        $"A RayCronJob does not copy its own metadata.annotations onto the RayJob it creates, so {Key} here has no effect. Put it on the pod templates (headGroupSpec/workerGroupSpecs template.metadata.annotations). {finalArgs}");
                }
            }
        }

        /// <summary>Levenshtein distance (ordinal).</summary>
        internal static int EditDistance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
