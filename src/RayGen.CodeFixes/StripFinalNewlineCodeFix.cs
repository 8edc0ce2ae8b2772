using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using RayGen.Diagnostics;
using RayGen.Yaml;

namespace RayGen.CodeFixes
{
    /// <summary>RAY0003: <c>|</c> → <c>|-</c> (keeping an indentation indicator), or drop a quoted scalar's trailing <c>\n</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StripFinalNewlineCodeFix)), Shared]
    public sealed class StripFinalNewlineCodeFix : YamlTextCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TrailingNewline);

        internal override string Title => "Strip the final newline ('|-')";

        internal override TextChange? Fix(string text, TextSpan span)
        {
            if (YamlEdits.ScalarAt(text, span.Start) is not { } node)
            {
                return null;
            }

            if (node.Style is YamlScalarStyle.DoubleQuoted or YamlScalarStyle.SingleQuoted)
            {
                return new TextChange(new TextSpan(node.Span.Start, node.Span.Length), YamlEdits.DoubleQuoted(node.Value.TrimEnd('\n')));
            }

            // Header: '|' or '>' then an optional indentation digit and chomping indicator, in either order.
            int start = node.Span.Start;
            int end = start + 1;
            string digits = string.Empty;
            while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '+' or '-'))
            {
                if (char.IsDigit(text[end]))
                {
                    digits += text[end];
                }

                end++;
            }

            return text[start] is '|' or '>'
                ? new TextChange(TextSpan.FromBounds(start, end), text[start] + digits + "-")
                : null;
        }
    }
}
