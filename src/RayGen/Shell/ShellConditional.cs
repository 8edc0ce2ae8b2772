using System.Collections.Generic;

namespace RayGen.Shell
{
    /// <summary>An expression inside bash <c>[[ … ]]</c>.</summary>
    internal abstract class ShellConditionalExpression : ShellNode
    {
        protected ShellConditionalExpression(ShellSpan span)
            : base(span)
        {
        }
    }

    /// <summary>A lone word (<c>[[ $x ]]</c> means <c>[[ -n $x ]]</c>).</summary>
    internal sealed class ShellConditionalWord : ShellConditionalExpression
    {
        public ShellConditionalWord(ShellWord word)
            : base(word.Span) => Word = word;

        public ShellWord Word { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Word };
    }

    /// <summary><c>-f file</c>, <c>-z "$x"</c> …</summary>
    internal sealed class ShellConditionalUnary : ShellConditionalExpression
    {
        public ShellConditionalUnary(ShellSpan span, ShellWord @operator, ShellWord operand)
            : base(span)
        {
            Operator = @operator;
            Operand = operand;
        }

        public ShellWord Operator { get; }

        public ShellWord Operand { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Operator, Operand };
    }

    /// <summary><c>a == b</c>, <c>x =~ re</c>, <c>a &lt; b</c>, <c>n -lt 3</c> …</summary>
    internal sealed class ShellConditionalBinary : ShellConditionalExpression
    {
        public ShellConditionalBinary(ShellSpan span, ShellWord left, string @operator, ShellSpan operatorSpan, ShellWord right)
            : base(span)
        {
            Left = left;
            Operator = @operator;
            OperatorSpan = operatorSpan;
            Right = right;
        }

        public ShellWord Left { get; }

        public string Operator { get; }

        public ShellSpan OperatorSpan { get; }

        public ShellWord Right { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Left, Right };
    }

    /// <summary><c>! expr</c></summary>
    internal sealed class ShellConditionalNot : ShellConditionalExpression
    {
        public ShellConditionalNot(ShellSpan span, ShellConditionalExpression operand)
            : base(span) => Operand = operand;

        public ShellConditionalExpression Operand { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Operand };
    }

    /// <summary><c>( expr )</c></summary>
    internal sealed class ShellConditionalGroup : ShellConditionalExpression
    {
        public ShellConditionalGroup(ShellSpan span, ShellConditionalExpression inner)
            : base(span) => Inner = inner;

        public ShellConditionalExpression Inner { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Inner };
    }

    /// <summary><c>a &amp;&amp; b</c> or <c>a || b</c>.</summary>
    internal sealed class ShellConditionalLogical : ShellConditionalExpression
    {
        public ShellConditionalLogical(ShellSpan span, ShellConditionalExpression left, ShellOperator @operator, ShellConditionalExpression right)
            : base(span)
        {
            Left = left;
            Operator = @operator;
            Right = right;
        }

        public ShellConditionalExpression Left { get; }

        public ShellOperator Operator { get; }

        public ShellConditionalExpression Right { get; }

        public bool IsAnd => Operator.Kind == ShellTokenKind.AndIf;

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Left, Right };
    }
}
