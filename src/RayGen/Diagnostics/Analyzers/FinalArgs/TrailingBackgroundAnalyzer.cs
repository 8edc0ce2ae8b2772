using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0001: the user text ends with a background <c>&amp;</c>, so KubeRay's appended <c>&amp;&amp;</c>
    /// makes <c>script.sh&amp; &amp;&amp; ulimit …</c>, a bash syntax error. <c>(script.sh &amp;)</c> is the fix.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TrailingBackgroundAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.TrailingBackground,
            "Trailing '&' collides with the appended '&&'",
            "The command ends with a background '&', and KubeRay appends '&& ulimit …; ray start …': bash rejects '& &&' (syntax error near unexpected token `&&', SC1070). Wrap it: '(command &)'. {0}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (FindTrailingAmpersand(context.Group) is { } offset)
            {
                context.Report(Rule, context.Group.Locate(offset, offset + 1), null, context.Group.FinalArgsExcerpt);
            }
        }

        /// <summary>Offset in <c>joined</c> of a top-level background '&amp;' that only white space follows.</summary>
        internal static int? FindTrailingAmpersand(GroupArgs group)
        {
            if (!group.IsGenerated || group.JoinedParse.HasErrors || group.JoinedParse.Script.Body.Items.LastOrDefault() is not { IsBackground: true } last
                || last.TerminatorSpan is not { } ampersand)
            {
                return null;
            }

            string rest = group.Joined.Substring(ampersand.End);
            return rest.Trim().Length == 0 ? ampersand.Start : null;
        }
    }
}
