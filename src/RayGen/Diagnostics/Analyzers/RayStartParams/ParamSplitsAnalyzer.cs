using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0033: KubeRay writes <c>--k=v</c> into the bash command without quoting, so a value with blanks, an
    /// unquoted <c>{a,b}</c> (brace expansion), unbalanced quotes or shell syntax does not reach ray start as one
    /// word (<c>resources: '{"NPU": 1}'</c> → <c>--resources={NPU:</c> <c>1}</c>, kuberay#1984).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ParamSplitsAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.RayStartParamSplits,
            "Value does not stay one shell word in the generated command",
            "{0} {1}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            foreach (ParamEntry entry in view.Entries)
            {
                if (!entry.IsCheckableValue || entry.IsRenderedAsSwitch || entry.Shell.StaysOneWord)
                {
                    continue;
                }

                ShellValue shell = entry.Shell;
                string what = shell.Breaks
                    ? $"The value of '{entry.Key}' breaks the generated command: {shell.BreakReason}."
                    : $"The value of '{entry.Key}' does not stay one shell word: bash turns ' --{entry.Key}={ParamText.Show(entry.Value)} ' into {shell.Words.Count}{(shell.Words.Count >= 64 ? "+" : string.Empty)} words ({string.Join(" ", shell.Words.Take(4).Select(w => "[" + ParamText.Show(w, 40) + "]"))}{(shell.Words.Count > 4 ? " …" : string.Empty)}) by {(view.IsPlainExpansion ? "word splitting of the plain $KUBERAY_GEN_RAY_START_CMD expansion, where quotes do not protect blanks (RAY0026)" : Causes(entry))}, and ray start stops with \"Got unexpected extra argument\" or reads the wrong value.";
                string fix = view.IsPlainExpansion ? " Run it as eval \"$KUBERAY_GEN_RAY_START_CMD\", then quote the value for the shell." : Fix(entry, view);
                context.Report(Rule, entry.ValueNode.Span, view.Cap(ProblemSeverity.Error), what + fix + view.ModeNote, view.FinalArgs);
            }
        }

        private static string Causes(ParamEntry entry)
        {
            string value = entry.Value;
            bool blank = value.IndexOfAny(new[] { ' ', '\t', '\n' }) >= 0;
            bool braces = value.Contains("{") && value.Contains(",");
            return blank && braces ? "word splitting and brace expansion" : braces && !blank ? "brace expansion of the unquoted '{…,…}'" : "word splitting at the blanks";
        }

        private static string Fix(ParamEntry entry, ParamsView view)
        {
            JsonCheck json = JsonCheck.Parse(entry.Value);
            if (json.IsValid && json.IsObject)
            {
                string minified = ParamText.Minify(entry.Value);
                string alternative = entry.Key == "resources" && view.Group.Profile.GroupResourcesAndLabels
                    ? " On KubeRay 1.5.0+ you can instead move the entries to the group's top-level 'resources:' map and drop the param."
                    : string.Empty;
                return $" Write it as one single-quoted shell word: {ParamText.QuotedForShell(entry.Key, minified)}.{alternative}";
            }

            if (entry.Shell.HasUnbalancedQuote || entry.Value.IndexOfAny(new[] { '\'', '"', '\\' }) >= 0)
            {
                return string.Empty;
            }

            // Keep $X / $(…) working inside double quotes; everything else goes in single quotes.
            return entry.Value.IndexOfAny(new[] { '$', '`' }) >= 0
                ? $" Quote it for the shell: {entry.Key}: {ParamText.YamlSingleQuoted("\"" + entry.Value + "\"")}."
                : $" Quote it for the shell: {ParamText.QuotedForShell(entry.Key, entry.Value)}.";
        }
    }
}
