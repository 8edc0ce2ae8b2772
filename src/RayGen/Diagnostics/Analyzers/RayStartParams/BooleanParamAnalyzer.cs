using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0036: KubeRay turns <c>"true"</c> into a bare <c>--k</c> and drops <c>"false"</c> for every key outside
    /// its SpecialBool set, and writes <c>--k=v</c> for anything else. That breaks value-taking options set to
    /// true/false (W) and flags set to another value (E).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BooleanParamAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.BooleanRayStartParam,
            "Boolean-looking value is rewritten or dropped by KubeRay, or a flag gets a value",
            "{0} {1}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            string version = context.Group.Profile.Version;
            foreach (ParamEntry entry in view.Entries)
            {
                // A non-string value is RAY0030 (the object is rejected). SpecialBool keys keep "=value"; values KubeRay overwrites (block on 1.1.0+, no-monitor) are not the user's.
                if (!entry.IsCheckableValue || view.Options.Find(entry.Key) is not { } option
                    || context.Group.Profile.SpecialBooleanParams.Contains(entry.Key, StringComparer.Ordinal))
                {
                    continue;
                }

                string lowered = entry.Value.ToLowerInvariant();
                string? message = null;
                ProblemSeverity severity = ProblemSeverity.Warning;
                if (lowered == "false" && option.TakesValue)
                {
                    message = $"KubeRay {version} drops '{entry.Key}: \"{entry.Value}\"' (it treats \"false\" as a switch that is off), so ray start never sees it and uses its own default for --{entry.Key}.";
                    if (entry.Key == "include-log-monitor")
                    {
                        message += " The log monitor keeps running (kuberay PR #4857). KubeRay 1.7.0+ passes --include-log-monitor=false; on older versions use overwrite mode and write --include-log-monitor=false yourself.";
                    }
                }
                else if (lowered == "true" && option.TakesValue)
                {
                    string? next = NextToken(context.Group, entry.Key);
                    message = $"KubeRay {version} writes '{entry.Key}: \"{entry.Value}\"' as a bare '--{entry.Key}' without a value, but --{entry.Key} takes {RayStartOption.KindName(option.Kind)}: "
                        + (next is null
                            ? $"it is the last option, so click stops with \"Option '--{entry.Key}' requires an argument\"."
                            : $"click takes the next option, '{next}', as its value.")
                        + (option.Kind == RayStartOptionKind.Bool ? string.Empty : $" Give --{entry.Key} a real value, or remove the key.");
                }
                else if (option.Kind == RayStartOptionKind.Flag && lowered is not ("true" or "false"))
                {
                    severity = ProblemSeverity.Error;
                    message = $"'{entry.Key}' is a flag, so KubeRay writes '--{entry.Key}={ParamText.Show(entry.Value)}' and click stops with \"Option '--{entry.Key}' does not take a value\". Write \"true\" to pass --{entry.Key}, or \"false\" to leave it out.";
                }

                if (message is not null)
                {
                    context.Report(Rule, entry.ValueNode.Span, view.Cap(severity), message + view.ModeNote, view.FinalArgs);
                }
            }
        }

        /// <summary>The token KubeRay renders right after the bare <c>--key</c> (flags are sorted), or <c>null</c> when it is the last.</summary>
        private static string? NextToken(GroupArgs group, string key)
        {
            string rendered = GroupArgs.Render(group.Output.RayStartCommand, group.Manifest, group.Profile);
            string bare = " --" + key + " ";
            int at = rendered.IndexOf(bare, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            string rest = rendered.Substring(at + bare.Length).TrimStart(' ');
            int end = rest.IndexOf(' ');
            string next = end < 0 ? rest : rest.Substring(0, end);
            return next.Length == 0 ? null : next;
        }
    }
}
