using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0027: the Ray container references <c>KUBERAY_GEN_RAY_START_CMD</c> without the overwrite annotation, so
    /// KubeRay flattens the arrays and appends its own start: the user's start (with <c>--block</c>) makes the
    /// generated tail dead code. Info before KubeRay 1.1.0, where the variable does not exist.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StartCommandWithoutOverwriteAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.StartCommandWithoutOverwrite,
            "KUBERAY_GEN_RAY_START_CMD used without the overwrite annotation",
            "{0}",
            DiagnosticSeverity.Warning);

        private static readonly Regex Reference = new(@"\$(\{KUBERAY_GEN_RAY_START_CMD[}:#%/^,@-]|\(KUBERAY_GEN_RAY_START_CMD\)|KUBERAY_GEN_RAY_START_CMD(?![A-Za-z0-9_]))", RegexOptions.CultureInvariant);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.OverwriteAnnotation is not null || !group.IsGenerated)
            {
                return;
            }

            foreach (ArgElement element in group.Elements)
            {
                if (Reference.Match(element.Value) is not { Success: true } match)
                {
                    continue;
                }

                int start = match.Index, end = element.Value.IndexOf("KUBERAY_GEN_RAY_START_CMD", match.Index, System.StringComparison.Ordinal) + "KUBERAY_GEN_RAY_START_CMD".Length;
                if (end < element.Value.Length && element.Value[end] is '}' or ')')
                {
                    end++;
                }

                string message;
                ProblemSeverity severity;
                if (!group.Profile.OverwriteAnnotation)
                {
                    severity = ProblemSeverity.Info;
                    message = $"KubeRay {group.Profile.Version} does not define KUBERAY_GEN_RAY_START_CMD (it exists from 1.1.0): the reference expands to nothing and KubeRay's generated start runs, so it is dead code.";
                }
                else
                {
                    severity = ProblemSeverity.Warning;
                    bool innerShell = KnownShell.Find(group.Elements.Select(e => (string?)e.Value).ToArray()) is { HasCommandOption: true };
                    message = "Without the annotation ray.io/overwrite-container-cmd: \"true\" KubeRay flattens command and args into one bash -c string and appends its own 'ulimit …; ray start …': your reference already starts Ray with --block, so the generated tail is dead code."
                        + (innerShell ? " The array starts with a shell and -c, so after the join that inner shell gets only the first word of your script: your 'ulimit' runs there without its operand and the limit is not raised." : string.Empty)
                        + (group.Manifest.Kind == RayKinds.RayCronJob
                            ? " Add the annotation to the pod templates (a RayCronJob does not copy its own annotations)."
                            : $" Add ray.io/overwrite-container-cmd: \"true\" to the {group.Manifest.Kind} metadata.annotations.");
                }

                context.Report(Rule, element.Map.Locate(start, end), AnnotationPlace(context) is { } place ? new[] { place } : new SourceSpan[0], severity,
                    message + " " + group.FinalArgsExcerpt);
                return;
            }
        }

        /// <summary>Where the annotation belongs: the manifest's metadata, or for a RayCronJob the group's pod template.</summary>
        private static SourceSpan? AnnotationPlace(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.Manifest.Kind == RayKinds.RayCronJob)
            {
                return group.GroupNode.Get("template")?.GetEntry("metadata")?.Key.Span ?? group.GroupNode.GetEntry("template")?.Key.Span;
            }

            YamlNode? root = context.File.Yaml?.Documents.FirstOrDefault(d => d.Index == group.Manifest.DocumentIndex)?.Root;
            return root?.Get("metadata")?.GetEntry("annotations")?.Key.Span ?? root?.GetEntry("metadata")?.Key.Span;
        }
    }
}
