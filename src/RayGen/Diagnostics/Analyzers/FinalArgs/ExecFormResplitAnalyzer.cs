using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0006: an exec-form array (<c>["sh", "-c", "echo hi"]</c>, <c>["python", "-c", "import ray; …"]</c>) that
    /// KubeRay joins into one bash string without quoting, so bash splits an element that was meant as one
    /// argument. Case (a), a known shell's <c>-c</c> script, is certain; case (b), a plain program word followed by an
    /// element that does not stay one shell word, is a heuristic.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExecFormResplitAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.ExecFormResplit,
            "Exec-form array is flattened and re-split by bash",
            "{0}",
            DiagnosticSeverity.Warning);

        private static readonly Regex PlainWord = new(@"^[A-Za-z0-9_./:=+,@%-]+$", RegexOptions.CultureInvariant);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (Find(context.Group) is not { } finding)
            {
                return;
            }

            GroupArgs group = context.Group;
            string message = finding.Shell is { } shell
                ? $"The array starts with '{group.Elements[0].Value.Trim()} {group.Elements[shell.OptionIndex!.Value].Value}', but KubeRay joins all elements into one 'bash -c' string without quoting: the inner {shell.Name} gets only the first word of this element as its script, and the other words become $0, $1, … or run in the outer shell. Put the script in a single element without the shell (KubeRay already runs bash)."
                : $"KubeRay joins command and args into one 'bash -c' string without quoting, so bash splits this element into several words (and runs its shell syntax) instead of passing it to '{group.Elements[0].Value}' as one argument. Merge everything into one element and single-quote the argument.";
            context.Report(Rule, finding.Element.Node.Span, null, message + " " + group.FinalArgsExcerpt);
        }

        /// <summary>The element that bash will re-split, and the known shell for case (a); null when the rule does not apply.</summary>
        internal static (ArgElement Element, KnownShell? Shell)? Find(GroupArgs group)
        {
            var elements = group.Elements;
            if (!group.IsGenerated || elements.Count < 2 || elements.Any(e => e.Value.IndexOf("{{", System.StringComparison.Ordinal) >= 0))
            {
                return null;
            }

            if (KnownShell.Find(elements.Select(e => (string?)e.Value).ToArray()) is { HasCommandOption: true } shell)
            {
                return shell.ScriptIndex is { } script && !StaysOneWord(elements[script].Value) ? (elements[script], shell) : null;
            }

            if (!PlainWord.IsMatch(elements[0].Value))
            {
                return null; // element[0] already holds shell text: written as shell on purpose
            }

            for (int i = 1; i < elements.Count; i++)
            {
                if (!StaysOneWord(elements[i].Value))
                {
                    return (elements[i], null);
                }
            }

            return null;
        }

        /// <summary>True when bash reads <paramref name="text"/> as one word (blank text is left to RAY0002).</summary>
        internal static bool StaysOneWord(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            ShellParseResult parse = ShellParser.Parse(text, ShellDialect.Bash);
            return !parse.HasErrors && parse.Comments.Count == 0 && parse.HereDocuments.Count == 0
                && parse.Script.Body.Items.Count == 1
                && parse.Script.Body.Items[0] is { IsBackground: false, Command: { Pipelines: { Count: 1 } pipelines } }
                && pipelines[0] is { Commands: { Count: 1 } commands, Bangs: { Count: 0 }, Time: null }
                && commands[0] is ShellSimpleCommand { Redirections: { Count: 0 } } simple
                && simple.Words.Count + simple.Assignments.Count == 1;
        }
    }
}
