using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using RayGen.Diagnostics;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.CodeFixes
{
    /// <summary>RAY0001: <c>script.sh&amp;</c> → <c>(script.sh &amp;)</c>, so KubeRay's appended <c>&amp;&amp;</c> follows a complete command.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapBackgroundCommandCodeFix)), Shared]
    public sealed class WrapBackgroundCommandCodeFix : YamlTextCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TrailingBackground);

        internal override string Title => "Wrap the background command in '( … &)'";

        /// <summary>The text change, or <c>null</c> when the scalar cannot be rewritten safely (folded, or a multi-line command).</summary>
        internal override TextChange? Fix(string text, TextSpan span)
        {
            if (YamlEdits.ScalarAt(text, span.Start) is not { } node
                || ShellParser.Parse(node.Value).Script.Body.Items.LastOrDefault() is not { IsBackground: true, TerminatorSpan: { } ampersand } item)
            {
                return null;
            }

            string value = node.Value;
            int commandStart = item.Command.Start;
            string wrapped = "(" + value.Substring(commandStart, ampersand.Start - commandStart).TrimEnd() + " &)";
            if (node.Style is YamlScalarStyle.Plain or YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted)
            {
                string newValue = value.Substring(0, commandStart) + wrapped + value.Substring(ampersand.End);
                return new TextChange(new TextSpan(node.Span.Start, node.Span.Length), YamlEdits.DoubleQuoted(newValue));
            }

            // Literal block: value lines are the raw lines minus indentation; only the last line is edited.
            int lastLineStart = value.TrimEnd('\n').LastIndexOf('\n') + 1;
            if (node.Style != YamlScalarStyle.Literal || commandStart < lastLineStart)
            {
                return null;
            }

            string raw = text.Substring(node.Span.Start, node.Span.Length);
            string lastValueLine = value.Substring(lastLineStart).TrimEnd('\n');
            int rawLine = raw.LastIndexOf(lastValueLine, StringComparison.Ordinal);
            if (rawLine < 0)
            {
                return null;
            }

            int from = node.Span.Start + rawLine + (commandStart - lastLineStart);
            int to = node.Span.Start + rawLine + (ampersand.End - lastLineStart);
            return new TextChange(TextSpan.FromBounds(from, to), wrapped);
        }
    }
}
