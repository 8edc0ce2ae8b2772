using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0004: a comment on the last line of the user text swallows KubeRay's appended
    /// <c>&amp;&amp; ulimit …; ray start …</c>: the container runs the user command, exits 0, and Ray never starts.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CommentSwallowsTailAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.CommentSwallowsTail,
            "A comment swallows the generated 'ulimit' and 'ray start'",
            "This '#' starts a shell comment on the last line, so KubeRay's appended '&& ulimit …; ray start …' becomes part of the comment and Ray never starts. Move the comment into a YAML comment. {0}",
            DiagnosticSeverity.Warning);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated || group.FinalParse.HasErrors)
            {
                return;
            }

            int lastLine = group.Joined.LastIndexOf('\n') + 1;
            ShellComment? comment = group.FinalParse.Comments.FirstOrDefault(c => c.Start >= lastLine && c.Start < group.TailStart);
            if (comment is not null)
            {
                int end = System.Math.Min(comment.End, group.TailStart);
                context.Report(Rule, group.Locate(comment.Start, end), null, group.FinalArgsExcerpt);
            }
        }
    }
}
