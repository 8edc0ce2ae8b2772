using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.KubeRay;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.PodLayout
{
    /// <summary>
    /// RAY0060: KubeRay (1.0.0+) treats containers[0] as the Ray container, but a later container looks
    /// like Ray: KubeRay injects ray start, env and probes into the wrong one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RayContainerPositionAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.RayContainerPosition,
            "Ray container is not containers[0]",
            "Container '{0}' looks like the Ray container, but KubeRay injects 'ray start', env vars and probes into containers[0] ('{1}'): move '{0}' to the first position",
            DiagnosticSeverity.Warning);

        private static readonly string[] RayNames = { "ray-head", "ray-worker", "ray" };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (context.Settings.Profile.RayContainer != RayContainerSelection.FirstContainer
                || context.Group.GroupNode.Get("template")?.Get("spec")?.Get("containers") is not { Kind: YamlNodeKind.Sequence } list)
            {
                return;
            }

            YamlNode[] containers = list.Items.Where(c => c.Kind == YamlNodeKind.Mapping).ToArray();
            if (containers.Length < 2 || LooksLikeRay(containers[0]) || IsTemplated(containers[0].Get("image")?.Value))
            {
                return;
            }

            YamlNode? ray = containers.Skip(1).FirstOrDefault(LooksLikeRay);
            if (ray?.Get("name") is { } name)
            {
                context.Report(Rule, name.Span, null, name.Value, containers[0].Get("name")?.Value ?? "");
            }
        }

        private static bool LooksLikeRay(YamlNode container)
        {
            string image = container.Get("image")?.Value ?? string.Empty;
            string name = container.Get("name")?.Value ?? string.Empty;
            string commands = string.Join(" ", new[] { "command", "args" }
                .Select(key => container.Get(key))
                .Where(node => node?.Kind == YamlNodeKind.Sequence)
                .SelectMany(node => node!.Items.Select(i => i.Value)));
            return image.IndexOf("rayproject/ray", StringComparison.Ordinal) >= 0
                || RayNames.Contains(name)
                || commands.IndexOf("ray start", StringComparison.Ordinal) >= 0
                || commands.IndexOf("KUBERAY_GEN_RAY_START_CMD", StringComparison.Ordinal) >= 0;
        }

        private static bool IsTemplated(string? value) =>
            value is not null && (value.IndexOf("{{", StringComparison.Ordinal) >= 0 || value.IndexOf('$') >= 0);
    }
}
