using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RayGen.Shell
{
    /// <summary>A shell word made of parts (literal text, quotes, expansions).</summary>
    internal sealed class ShellWord : ShellNode
    {
        public ShellWord(ShellSpan span, IReadOnlyList<ShellWordPart> parts)
            : base(span) => Parts = parts;

        public IReadOnlyList<ShellWordPart> Parts { get; }

        public override IEnumerable<ShellNode> Children => Parts;

        /// <summary>True when the word is plain unquoted text: no quotes, escapes or expansions.</summary>
        public bool IsUnquotedLiteral => Parts.All(p => p is ShellLiteralPart);

        /// <summary>The text of a plain unquoted word (line continuations removed), else null.</summary>
        public string? UnquotedLiteralValue => IsUnquotedLiteral ? string.Concat(Parts.Select(p => ((ShellLiteralPart)p).Value)) : null;

        /// <summary>True when any part is quoted or escaped (this makes a here-document delimiter quoted).</summary>
        public bool HasQuoting => Parts.Any(p => p is not ShellLiteralPart);

        /// <summary>
        /// The value after quote removal when the word has no expansions (<c>'ray'</c>, <c>r"a"y</c> and
        /// <c>ray</c> all give <c>ray</c>); false when it contains <c>$…</c>, backquotes or arithmetic.
        /// </summary>
        public bool TryGetLiteralValue(out string value)
        {
            var sb = new StringBuilder();
            bool ok = AppendLiteral(Parts, sb);
            value = ok ? sb.ToString() : string.Empty;
            return ok;
        }

        /// <summary>True when the word's value is exactly <paramref name="value"/> without any expansion.</summary>
        public bool IsLiteral(string value) => TryGetLiteralValue(out string v) && v == value;

        /// <summary>
        /// Parameter expansions in this word (not inside command substitutions), each with whether it is
        /// inside double quotes. Operands are searched too: <c>${A:-$B}</c> yields A and B.
        /// </summary>
        public IReadOnlyList<ShellParameterReference> GetParameterExpansions()
        {
            var result = new List<ShellParameterReference>();
            CollectParameters(Parts, quoted: false, result);
            return result;
        }

        /// <summary>True when an expansion (<c>$x</c>, <c>${x}</c>, <c>$(…)</c>, backquotes, <c>$((…))</c>) is outside double quotes.</summary>
        public bool HasUnquotedExpansion => Parts.Any(p => p is ShellParameterExpansionPart or ShellCommandSubstitutionPart or ShellArithmeticExpansionPart or ShellProcessSubstitutionPart);

        private static bool AppendLiteral(IEnumerable<ShellWordPart> parts, StringBuilder sb) =>
            AppendQuoteRemoved(parts, sb, static (_, _) => false);

        /// <summary>
        /// Appends the word's text after quote removal; each expansion goes to <paramref name="expansion"/>, which
        /// appends what stands for it and returns <c>false</c> to stop (a literal value cannot hold one).
        /// </summary>
        internal static bool AppendQuoteRemoved(IEnumerable<ShellWordPart> parts, StringBuilder sb, Func<ShellWordPart, StringBuilder, bool> expansion)
        {
            foreach (ShellWordPart part in parts)
            {
                bool ok = part switch
                {
                    ShellLiteralPart l => Append(sb, l.Value),
                    ShellEscapedPart e => Append(sb, e.Value),
                    ShellSingleQuotedPart q => Append(sb, q.Value),
                    ShellAnsiCQuotedPart a => Append(sb, a.Value),
                    ShellDoubleQuotedPart d => AppendQuoteRemoved(d.Parts, sb, expansion),
                    _ => expansion(part, sb),
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Append(StringBuilder sb, string text)
        {
            sb.Append(text);
            return true;
        }

        private static void CollectParameters(IEnumerable<ShellWordPart> parts, bool quoted, List<ShellParameterReference> result)
        {
            foreach (ShellWordPart part in parts)
            {
                if (part is ShellParameterExpansionPart p)
                {
                    result.Add(new ShellParameterReference(p, quoted));
                    if (p.Operand != null)
                    {
                        CollectParameters(p.Operand.Parts, quoted, result);
                    }
                }
                else if (part is ShellDoubleQuotedPart d)
                {
                    CollectParameters(d.Parts, quoted: true, result);
                }
                else if (part is ShellArrayPart a)
                {
                    foreach (ShellWord element in a.Elements)
                    {
                        CollectParameters(element.Parts, quoted, result);
                    }
                }
            }
        }
    }

    /// <summary>A parameter expansion found in a word, and whether double quotes protect it from word splitting.</summary>
    internal readonly struct ShellParameterReference
    {
        public ShellParameterReference(ShellParameterExpansionPart expansion, bool isQuoted)
        {
            Expansion = expansion;
            IsQuoted = isQuoted;
        }

        public ShellParameterExpansionPart Expansion { get; }

        public bool IsQuoted { get; }
    }

    /// <summary>Base of the pieces a word is made of.</summary>
    internal abstract class ShellWordPart : ShellNode
    {
        protected ShellWordPart(ShellSpan span)
            : base(span)
        {
        }
    }

    /// <summary>Unquoted text. <see cref="Value"/> has line continuations (backslash-newline) removed.</summary>
    internal sealed class ShellLiteralPart : ShellWordPart
    {
        public ShellLiteralPart(ShellSpan span, string value)
            : base(span) => Value = value;

        public string Value { get; }
    }

    /// <summary>A backslash-escaped character outside quotes (<c>\&amp;</c>); <see cref="Value"/> is the character.</summary>
    internal sealed class ShellEscapedPart : ShellWordPart
    {
        public ShellEscapedPart(ShellSpan span, string value)
            : base(span) => Value = value;

        public string Value { get; }
    }

    /// <summary><c>'text'</c></summary>
    internal sealed class ShellSingleQuotedPart : ShellWordPart
    {
        public ShellSingleQuotedPart(ShellSpan span, string value)
            : base(span) => Value = value;

        public string Value { get; }
    }

    /// <summary>bash <c>$'text'</c>; <see cref="Value"/> has the backslash escapes decoded.</summary>
    internal sealed class ShellAnsiCQuotedPart : ShellWordPart
    {
        public ShellAnsiCQuotedPart(ShellSpan span, string value)
            : base(span) => Value = value;

        public string Value { get; }
    }

    /// <summary><c>"…"</c> (or bash <c>$"…"</c>), holding literal and expansion parts.</summary>
    internal sealed class ShellDoubleQuotedPart : ShellWordPart
    {
        public ShellDoubleQuotedPart(ShellSpan span, IReadOnlyList<ShellWordPart> parts, bool isLocalized)
            : base(span)
        {
            Parts = parts;
            IsLocalized = isLocalized;
        }

        /// <summary>Literal parts here hold the text with <c>\$ \` \" \\</c> escapes removed.</summary>
        public IReadOnlyList<ShellWordPart> Parts { get; }

        public bool IsLocalized { get; }

        public override IEnumerable<ShellNode> Children => Parts;
    }

    /// <summary><c>$NAME</c>, <c>$1</c>, <c>$@</c>, or <c>${…}</c> with its operator and operand.</summary>
    internal sealed class ShellParameterExpansionPart : ShellWordPart
    {
        public ShellParameterExpansionPart(ShellSpan span, string name, bool isBraced, string? prefix, string? subscript, string? @operator, ShellWord? operand)
            : base(span)
        {
            Name = name;
            IsBraced = isBraced;
            Prefix = prefix;
            Subscript = subscript;
            Operator = @operator;
            Operand = operand;
        }

        /// <summary>The parameter name: an identifier, digits, or one of <c>@ * # ? $ ! -</c> (empty if malformed).</summary>
        public string Name { get; }

        public bool IsBraced { get; }

        /// <summary><c>#</c> (length) or <c>!</c> (indirection) in <c>${#x}</c> / <c>${!x}</c>.</summary>
        public string? Prefix { get; }

        /// <summary>The text inside <c>[…]</c> in <c>${a[i]}</c>.</summary>
        public string? Subscript { get; }

        /// <summary><c>:-</c>, <c>-</c>, <c>:=</c>, <c>#</c>, <c>%%</c>, <c>/</c>, <c>:</c> …; empty for text bash only rejects at run time.</summary>
        public string? Operator { get; }

        /// <summary>The word after the operator (<c>65536</c> in <c>${X:-65536}</c>).</summary>
        public ShellWord? Operand { get; }

        public override IEnumerable<ShellNode> Children => Operand != null ? new ShellNode[] { Operand } : new ShellNode[0];
    }

    /// <summary><c>$(…)</c> or <c>`…`</c>, with the parsed inner script.</summary>
    internal sealed class ShellCommandSubstitutionPart : ShellWordPart
    {
        public ShellCommandSubstitutionPart(ShellSpan span, ShellScript body, bool isBackquoted)
            : base(span)
        {
            Body = body;
            IsBackquoted = isBackquoted;
        }

        public ShellScript Body { get; }

        public bool IsBackquoted { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Body };
    }

    /// <summary>
    /// <c>$((…))</c> or bash's old <c>$[…]</c>. The expression is kept as text (bash checks it only at run
    /// time), but the <c>$(…)</c> inside it are parsed, as bash does.
    /// </summary>
    internal sealed class ShellArithmeticExpansionPart : ShellWordPart
    {
        public ShellArithmeticExpansionPart(ShellSpan span, string expression, IReadOnlyList<ShellCommandSubstitutionPart> substitutions)
            : base(span)
        {
            Expression = expression;
            Substitutions = substitutions;
        }

        public string Expression { get; }

        public IReadOnlyList<ShellCommandSubstitutionPart> Substitutions { get; }

        public override IEnumerable<ShellNode> Children => Substitutions;
    }

    /// <summary>bash <c>&lt;(…)</c> or <c>&gt;(…)</c>.</summary>
    internal sealed class ShellProcessSubstitutionPart : ShellWordPart
    {
        public ShellProcessSubstitutionPart(ShellSpan span, bool isInput, ShellScript body)
            : base(span)
        {
            IsInput = isInput;
            Body = body;
        }

        /// <summary>True for <c>&lt;(…)</c>.</summary>
        public bool IsInput { get; }

        public ShellScript Body { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Body };
    }

    /// <summary>The <c>(a b c)</c> of a bash array assignment.</summary>
    internal sealed class ShellArrayPart : ShellWordPart
    {
        public ShellArrayPart(ShellSpan span, IReadOnlyList<ShellWord> elements)
            : base(span) => Elements = elements;

        public IReadOnlyList<ShellWord> Elements { get; }

        public override IEnumerable<ShellNode> Children => Elements;
    }
}
