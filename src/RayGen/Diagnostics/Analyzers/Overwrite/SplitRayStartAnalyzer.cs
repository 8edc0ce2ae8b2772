using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0021: <c>ray</c> and <c>start</c> in adjacent elements join as <c>" ray  start "</c> (two spaces), so
    /// KubeRay's substring test misses it and appends its own <c>ray start</c>: Ray may start twice.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SplitRayStartAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.SplitRayStart,
            "'ray' and 'start' in separate array elements: KubeRay does not notice, Ray may start twice",
            "{0}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated)
            {
                return;
            }

            foreach (ShellSimpleCommand simple in group.JoinedParse.SimpleCommands)
            {
                var words = ShellProgram.Unwrap(simple.Words, out _);
                if (words.Count < 2 || !words[0].TryGetLiteralValue(out string name) || KnownShell.BaseName(name) != "ray" || !words[1].IsLiteral("start")
                    || group.ElementAt(words[0].Start) is not { } rayElement || group.ElementAt(words[1].Start) is not { } startElement)
                {
                    continue;
                }

                int rayIndex = IndexOf(group, rayElement);
                if (IndexOf(group, startElement) != rayIndex + 1
                    || words[0].End != rayElement.JoinedStart + rayElement.Value.TrimEnd().Length
                    || words[1].Start != startElement.JoinedStart + (startElement.Value.Length - startElement.Value.TrimStart().Length))
                {
                    continue;
                }

                bool block = words.Skip(2).Any(w => w.IsLiteral("--block"));
                ProblemSeverity severity = !block && group.IsHead ? ProblemSeverity.Error : ProblemSeverity.Warning;
                string why = block
                    ? "Your start has --block, so KubeRay's generated start never runs: the ulimit and the generated params (ports, --num-cpus/--memory, worker --address) are silently missing."
                    : group.IsHead
                        ? "Your start has no --block, so it returns and KubeRay's 'ray start --head' then fails with \"Ray is trying to start at …, but is already running\": the container exits and restarts forever."
                        : "Your start has no --block, so it returns and KubeRay starts a second raylet in the same container (port clashes are likely).";
                context.Report(Rule, startElement.Node.Span, severity,
                    $"'ray' and 'start' are separate elements, so the join writes 'ray  start' (two spaces): KubeRay's \"ray start\" substring test fails and it appends its own ray start. {why} Remove command/args and use rayStartParams, or set the overwrite annotation. {group.FinalArgsExcerpt}");
                return;
            }
        }

        private static int IndexOf(GroupArgs group, ArgElement element)
        {
            for (int i = 0; i < group.Elements.Count; i++)
            {
                if (ReferenceEquals(group.Elements[i], element))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
