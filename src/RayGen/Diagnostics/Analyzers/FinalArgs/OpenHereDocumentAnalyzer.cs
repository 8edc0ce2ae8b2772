using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0005: a here-document is still open where the user text ends, so KubeRay's appended command
    /// becomes its input: bash only warns, exits 0, and Ray never starts.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OpenHereDocumentAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.OpenHereDocument,
            "Here-document left open swallows the generated command",
            "The here-document '{0}' is still open where your command ends (its terminator line gets KubeRay's appended text), so '&& ulimit …; ray start …' becomes its input and Ray never starts. Add a line such as 'true' after the terminator. {1}",
            DiagnosticSeverity.Warning);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated || group.FinalParse.HasErrors)
            {
                return;
            }

            foreach (ShellHereDocument document in group.FinalParse.HereDocuments.Where(d => !d.IsTerminated && d.OperatorSpan.Start < group.TailStart))
            {
                int end = System.Math.Min(document.DelimiterWord.End, group.TailStart);
                context.Report(Rule, group.Locate(document.OperatorSpan.Start, end), null, "<<" + document.Delimiter, group.FinalArgsExcerpt);
            }
        }
    }
}
