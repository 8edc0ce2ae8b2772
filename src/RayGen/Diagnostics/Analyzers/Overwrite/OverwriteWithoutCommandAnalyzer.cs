using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0023: overwrite mode, and the Ray container has neither <c>command</c> nor <c>args</c>: the image's own
    /// ENTRYPOINT/CMD runs. An error for <c>rayproject/ray*</c> images (their default command does not start
    /// Ray), a warning for other images (a custom ENTRYPOINT may start Ray itself).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OverwriteWithoutCommandAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.OverwriteWithoutCommand,
            "Overwrite mode with no command and no args",
            "{0}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.OverwriteAnnotation is not { } annotation || group.ContainerNode is not { } container
                || group.Elements.Count > 0 || HasItems(container.Get("command")) || HasItems(container.Get("args")))
            {
                return;
            }

            string? image = group.Output.Image;
            bool rayImage = ContainerProgram.IsRayProjectImage(image);
            string message = rayImage
                ? $"ray.io/overwrite-container-cmd is \"true\", but the Ray container of group '{group.Group.GroupName}' has no command and no args, so the image's default command runs: for {image} it does not start Ray. Add command: [\"/bin/bash\", \"-c\", \"--\"] and args: [\"ulimit -n 65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]."
                : $"ray.io/overwrite-container-cmd is \"true\", but the Ray container of group '{group.Group.GroupName}' has no command and no args, so the ENTRYPOINT/CMD of {image ?? "its image"} runs; RayGen cannot see whether it starts Ray (for example with eval \"$KUBERAY_GEN_RAY_START_CMD\").";
            var additional = container.Get("name") is { } name ? new[] { name.Span } : new SourceSpan[0];
            context.Report(Rule, annotation.Span, additional, rayImage ? ProblemSeverity.Error : ProblemSeverity.Warning,
                message + " Final args: (none: KubeRay leaves command and args empty).");
        }

        private static bool HasItems(YamlNode? node) => node is { Kind: YamlNodeKind.Sequence, Items.Count: > 0 };
    }
}
