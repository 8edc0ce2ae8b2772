using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0003: the last non-blank element is a block scalar (<c>|</c>, <c>&gt;</c>) that keeps its final
    /// newline, so KubeRay's <c>&amp;&amp; ulimit …</c> starts a new line, a bash syntax error. <c>|-</c> fixes it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TrailingNewlineAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.TrailingNewline,
            "YAML block scalar leaves a trailing newline before '&&'",
            "This value ends with a newline, so KubeRay's appended '&& ulimit …' starts a new line: bash rejects a line that starts with '&&' (SC1133, SC1070). {0} {1}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (FindBlockScalar(context.Group) is not { } element)
            {
                return;
            }

            YamlNode node = element.Node;
            bool block = node.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded;
            string fix = block ? "Use '|-' or '>-' to strip the final newline." : "Remove the trailing '\\n'.";
            SourceSpan span = block ? IndicatorSpan(context.File.Content, node.Span) : node.Span;
            context.Report(Rule, span, null, fix, context.Group.FinalArgsExcerpt);
        }

        /// <summary>The last non-blank element when it ends with a newline that reaches the join (generated mode only).</summary>
        internal static ArgElement? FindBlockScalar(GroupArgs group)
        {
            if (!group.IsGenerated || group.LastNonBlank is not { } last || !last.Value.EndsWith("\n", System.StringComparison.Ordinal))
            {
                return null;
            }

            bool block = last.Node.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded;
            bool quoted = last.Node.Style is YamlScalarStyle.DoubleQuoted;
            if (!block && !quoted)
            {
                return null;
            }

            // A final line that ends with an unquoted '\' continues into the appended text: no error.
            string body = last.Value.TrimEnd('\n');
            int backslashes = body.Length - body.TrimEnd('\\').Length;
            return backslashes % 2 == 1 ? null : last;
        }

        /// <summary>The '|' or '&gt;' indicator (with its modifiers) at the start of a block scalar.</summary>
        private static SourceSpan IndicatorSpan(string text, SourceSpan span)
        {
            int start = span.Start;
            if (start >= text.Length || (text[start] != '|' && text[start] != '>'))
            {
                return span;
            }

            int end = start + 1;
            while (end < text.Length && (char.IsDigit(text[end]) || text[end] == '+' || text[end] == '-'))
            {
                end++;
            }

            return new SourceSpan(start, end, span.StartLine, span.StartColumn, span.StartLine, span.StartColumn + (end - start));
        }
    }
}
