using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// RAY0034: a JSON-typed option (<c>resources</c>, <c>system-config</c>; not <c>labels</c>) whose one word,
    /// after bash quote removal, is not a JSON object. Most often the JSON was not shell-quoted and bash removed
    /// its double quotes: <c>resources: '{"NPU":1}'</c> reaches Ray as <c>--resources={NPU:1}</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InvalidJsonParamAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.InvalidJsonRayStartParam,
            "JSON-typed option is invalid JSON after shell processing",
            "{0} {1}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            ParamsView view = ParamsView.For(context);
            foreach (ParamEntry entry in view.Entries)
            {
                // Splitting values are RAY0033's; expansions have unknown output; labels is k=v for KubeRay.
                if (!entry.IsCheckableValue || entry.IsRenderedAsSwitch || entry.Key == "labels"
                    || view.Options.Find(entry.Key) is not { Kind: RayStartOptionKind.Json }
                    || !entry.Shell.StaysOneWord || entry.Shell.References.Count > 0 || entry.Shell.Processed is not { } received)
                {
                    continue;
                }

                JsonCheck json = JsonCheck.Parse(received);
                string? problem;
                int offset;
                if (!json.IsValid)
                {
                    problem = $"not valid JSON ({json.Error} at character {json.ErrorOffset + 1})";
                    offset = json.ErrorOffset;
                }
                else if (!json.IsObject)
                {
                    problem = "valid JSON, but not an object";
                    offset = 0;
                }
                else if (entry.Key == "resources" && json.NonNumberMember >= 0)
                {
                    problem = "a JSON object whose values are not all numbers";
                    offset = json.NonNumberMember;
                }
                else
                {
                    continue;
                }

                string message = $"'{entry.Key}' must be a JSON object, but ray start receives '{ParamText.Show(received)}', which is {problem}."
                    + (view.IsPlainExpansion ? PlainCause : Cause(entry, received)) + view.ModeNote;
                context.Report(Rule, Locate(entry, received, offset), view.Cap(ProblemSeverity.Error), message, view.FinalArgs);
            }
        }

        private const string PlainCause =
            " The container runs $KUBERAY_GEN_RAY_START_CMD as a plain expansion, so bash splits it at blanks but removes no quotes"
            + " (RAY0026): run it with eval \"$KUBERAY_GEN_RAY_START_CMD\" and quote the JSON once for the shell.";

        /// <summary>The JSON error offset mapped back through quote removal to the YAML (whole scalar when not precise).</summary>
        private static SourceSpan Locate(ParamEntry entry, string received, int offset)
        {
            if (entry.Shell.ProcessedMap.Count == 0)
            {
                return entry.ValueNode.Span;
            }

            int index = entry.Shell.ProcessedMap[Math.Min(Math.Max(offset, 0), received.Length - 1)];
            return entry.Locate(index, index + 1);
        }

        private static string Cause(ParamEntry entry, string received)
        {
            JsonCheck asWritten = JsonCheck.Parse(entry.Value);
            if (asWritten.IsValid && asWritten.IsObject)
            {
                return $" bash removed the JSON's double quotes, because KubeRay writes the value into the command unquoted. Wrap the minified JSON in single quotes: {ParamText.QuotedForShell(entry.Key, ParamText.Minify(entry.Value))}.";
            }

            string trimmed = received.Trim();
            if (trimmed.Length > 0 && (trimmed[0] is '\'' or '"' or '`' || trimmed[trimmed.Length - 1] is '\'' or '"' or '`'))
            {
                return " Quotes are left over around the JSON after bash's quote removal: quote it once, e.g. "
                    + ParamText.QuotedForShell(entry.Key, "{\"CustomResource\":1}") + ".";
            }

            return received.IndexOf('\\') >= 0
                ? " A backslash survived quote removal (kuberay#1758): inside single quotes bash keeps backslashes, so do not escape the JSON's quotes there."
                : string.Empty;
        }
    }
}
