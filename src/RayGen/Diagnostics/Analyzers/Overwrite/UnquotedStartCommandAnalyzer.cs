using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0026: <c>$KUBERAY_GEN_RAY_START_CMD</c> runs as a plain expanded command (not <c>eval</c>, not a shell's
    /// <c>-c</c>) while its computed value holds a quote, backslash, <c>$</c> or backquote: word splitting does no
    /// quote removal and no second expansion, so <c>ray start</c> gets literal quotes or <c>$NAME</c> text
    /// (kuberay#3756). Applies wherever the container's shell text runs it (KubeRay ≥ 1.1.0 defines the variable).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnquotedStartCommandAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.UnquotedStartCommand,
            "Unquoted '$KUBERAY_GEN_RAY_START_CMD' breaks quoted parameter values",
            "{0}",
            DiagnosticSeverity.Error);

        private static readonly char[] Special = { '\'', '"', '\\', '$', '`' };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.Profile.OverwriteAnnotation || ContainerProgram.For(group) is not { IsTemplated: false, Program: { } program })
            {
                return;
            }

            string? value = null;
            foreach (ProgramCommand command in program.Commands)
            {
                if (RayCommands.StartCommandUseOf(command, out ShellParameterExpansionPart? reference) != StartCommandUse.Plain)
                {
                    continue;
                }

                value ??= ContainerProgram.StartCommandValue(group);
                if (value.IndexOfAny(Special) < 0)
                {
                    return;
                }

                KeyValue? culprit = group.Output.RayStartParams.FirstOrDefault(p => p.Value.IndexOfAny(Special) >= 0);
                SourceSpan? related = culprit is null ? null : Related(context, culprit.Key);
                string param = culprit is null ? "the command" : $"--{culprit.Key}={culprit.Value}";
                context.Report(Rule, command.Locate(reference!), related is { } r ? new[] { r } : new SourceSpan[0], null,
                    $"$KUBERAY_GEN_RAY_START_CMD runs unquoted: bash splits it on blanks but does no quote removal and no second expansion, so ray start receives {param} with its quotes, backslashes or $NAME text literally (kuberay#3756). Run it as eval \"$KUBERAY_GEN_RAY_START_CMD\". Value: {Excerpt(value)} {group.FinalArgsExcerpt}");
            }
        }

        private static string Excerpt(string value) => value.Length > 160 ? value.Substring(0, 160) + "…" : value;

        /// <summary>Where the offending param comes from: the rayStartParams key, the group's resources, a resource limit, or gcsFaultToleranceOptions.</summary>
        private static SourceSpan? Related(GroupRuleContext context, string key)
        {
            GroupArgs group = context.Group;
            if (group.GroupNode.Get("rayStartParams")?.GetEntry(key) is { } param)
            {
                return param.Key.Span;
            }

            if (key == "resources")
            {
                if (group.GroupNode.GetEntry("resources") is { } groupResources)
                {
                    return groupResources.Key.Span;
                }

                YamlNode? limits = group.ContainerNode?.Get("resources")?.Get("limits");
                foreach (string accelerator in new[] { "google.com/tpu", "aws.amazon.com/neuroncore" })
                {
                    if (limits?.GetEntry(accelerator) is { } limit)
                    {
                        return limit.Key.Span;
                    }
                }
            }

            if (key is "redis-password" or "redis-username"
                && context.File.Yaml?.Documents.FirstOrDefault(d => d.Index == group.Manifest.DocumentIndex)?.Root is { } root
                && ClusterSpecLocator.ClusterSpec(root)?.GetEntry("gcsFaultToleranceOptions") is { } ft)
            {
                return ft.Key.Span;
            }

            return group.GroupNode.GetEntry("rayStartParams")?.Key.Span;
        }
    }
}
