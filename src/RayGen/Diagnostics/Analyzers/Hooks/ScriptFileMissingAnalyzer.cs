using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.Hooks
{
    /// <summary>
    /// RAY0073: a script path resolves to a ConfigMap volume whose ConfigMap is available, but the file is not in
    /// the volume (the key is missing, filtered out by <c>items</c>, or mapped to another name).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ScriptFileMissingAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.ScriptFileMissing,
            "Referenced script file does not exist in the mounted ConfigMap",
            "'{0}'{1} does not exist in the container: {2}. Running it fails with 'No such file or directory'.",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            foreach (ScriptEvent e in context.Scripts.Scripts)
            {
                if (e.Resolution.Kind != ScriptResolutionKind.Missing || e.Resolution.ConfigMap is not { } configMap)
                {
                    continue;
                }

                context.Report(Rule, e.Via?.Reference ?? e.Location, null, new[] { configMap.DataLocation, e.Location }, e.Resolution.Path, ScriptMessages.Where(e.Via, e.Location), e.Resolution.Reason);
            }
        }
    }
}
