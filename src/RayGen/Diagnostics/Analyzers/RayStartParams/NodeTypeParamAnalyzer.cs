using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0038: an option that only the head uses, set on a worker group (Info), or <c>address</c> on the head,
    /// where Ray reads it as a deprecated external Redis address (Warning).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NodeTypeParamAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.RayStartParamNodeType,
            "Option has no effect, or the wrong effect, on this node type",
            "{0} {1}",
            DiagnosticSeverity.Warning);

        /// <summary>Options only a head node uses (rules.md RAY0038).</summary>
        internal static readonly string[] HeadOnly =
        {
            "temp-dir", "dashboard-host", "dashboard-port", "include-dashboard", "port", "autoscaling-config", "ray-client-server-port", "redis-shard-ports",
        };

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            string group = context.Group.Group.GroupName;
            foreach (ParamEntry entry in view.Entries)
            {
                if (entry.IsTemplated)
                {
                    continue;
                }

                if (context.Group.IsHead && entry.Key == "address")
                {
                    context.Report(
                        Rule,
                        entry.KeyNode.Span,
                        ProblemSeverity.Warning,
                        "'address' on the head: together with --head, Ray reads it as the address of an external Redis (a deprecated usage; set env RAY_REDIS_ADDRESS, or gcsFaultToleranceOptions.redisAddress, instead), not as the head's own address. Remove it from headGroupSpec.rayStartParams.",
                        view.FinalArgs);
                }
                else if (!context.Group.IsHead && HeadOnly.Contains(entry.Key, StringComparer.Ordinal))
                {
                    string effect = entry.Key == "temp-dir"
                        ? "Ray ignores it on worker nodes (with a warning): workers use the head's temp dir"
                        : entry.Key == "port"
                            ? "--port is the head's GCS port; KubeRay takes the workers' join address from headGroupSpec's 'port'"
                            : "only the head node uses it";
                    context.Report(
                        Rule,
                        entry.KeyNode.Span,
                        ProblemSeverity.Info,
                        $"'{entry.Key}' has no effect on worker group '{group}': {effect}. Move it to headGroupSpec.rayStartParams.",
                        view.FinalArgs);
                }
            }
        }
    }
}
