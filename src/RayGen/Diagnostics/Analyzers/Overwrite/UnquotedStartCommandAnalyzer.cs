using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Diagnostics.Analyzers.Hooks;
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
    /// (kuberay#3756). Applies wherever the container's shell text runs it (KubeRay ≥ 1.1.0 defines the variable),
    /// also in the resolved ConfigMap scripts it runs or sources (group B reads them, rules.md "B."): such a finding is
    /// reported at the script's path, with the reference in the ConfigMap as an additional location.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnquotedStartCommandAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.UnquotedStartCommand,
            "Unquoted '$KUBERAY_GEN_RAY_START_CMD' breaks quoted parameter values",
            "{0}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        private static readonly char[] Special = { '\'', '"', '\\', '$', '`' };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.Profile.OverwriteAnnotation || ContainerProgram.For(group).IsTemplated || context.Scripts.Program is not { } program)
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
                SourceSpan? related = culprit is null ? null : Related(context.Scripts, culprit.Key);
                string param = culprit is null ? "the command" : $"--{culprit.Key}={culprit.Value}";
                (SourceRef primary, SourceRef? inner, ScriptVia? via) = context.Scripts.Place(command.Text, command.Locate(reference!));
                string where = inner is { } at ? ScriptMessages.Where(via, at) : string.Empty;
                var additional = new List<SourceRef>();
                if (inner is { } ini)
                {
                    additional.Add(ini);
                }

                if (related is { } r)
                {
                    additional.Add(context.Scripts.Ref(r));
                }

                context.Report(Rule, primary, null, additional,
                    $"$KUBERAY_GEN_RAY_START_CMD runs unquoted{where}: bash splits it on blanks but does no quote removal and no second expansion, so ray start receives {param} with its quotes, backslashes or $NAME text literally (kuberay#3756). Run it as eval \"$KUBERAY_GEN_RAY_START_CMD\". Value: {Excerpt(value)} {group.FinalArgsExcerpt}");
            }
        }

        private static string Excerpt(string value) => value.Length > 160 ? value.Substring(0, 160) + "…" : value;

        /// <summary>Where the offending param comes from: the rayStartParams key, the group's resources, a resource limit, or gcsFaultToleranceOptions.</summary>
        private static SourceSpan? Related(GroupScripts scripts, string key)
        {
            GroupArgs group = scripts.Group;
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
                && scripts.File.Yaml.Documents.FirstOrDefault(d => d.Index == group.Manifest.DocumentIndex)?.Root is { } root
                && ClusterSpecLocator.ClusterSpec(root)?.GetEntry("gcsFaultToleranceOptions") is { } ft)
            {
                return ft.Key.Span;
            }

            return group.GroupNode.GetEntry("rayStartParams")?.Key.Span;
        }
    }
}
