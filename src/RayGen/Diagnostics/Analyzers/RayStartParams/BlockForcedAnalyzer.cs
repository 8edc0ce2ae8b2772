using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.KubeRay;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0035: <c>block</c> is set in <c>rayStartParams</c>, but KubeRay 1.1.0+ always overwrites it with
    /// <c>true</c> (kuberay PR #1718): <c>"false"</c> is silently ignored and <c>"true"</c> is redundant.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BlockForcedAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.BlockForced,
            "'block' is always forced to true",
            "{0} {1}",
            DiagnosticSeverity.Info);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (context.Group.Profile.Block != BlockDefault.Forced)
            {
                return;
            }

            ParamsView view = ParamsView.For(context);
            foreach (ParamEntry entry in view.Entries)
            {
                if (entry.Key != "block" || entry.IsTemplated || !entry.IsStringValue)
                {
                    continue;
                }

                string message = string.Equals(entry.Value, "false", StringComparison.OrdinalIgnoreCase)
                    ? $"'block: \"{entry.Value}\"' is ignored: KubeRay {context.Group.Profile.Version} always overwrites 'block' with \"true\", so ray start runs with --block and keeps the container alive. Remove the entry."
                    : $"'block' is redundant: KubeRay {context.Group.Profile.Version} always overwrites it with \"true\" (ray start runs with --block). Remove the entry.";
                context.Report(Rule, entry.KeyNode.Span, null, message, view.FinalArgs);
            }
        }
    }
}
