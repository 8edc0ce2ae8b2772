using System;
using System.Collections.Generic;

namespace RayGen.Shell
{
    /// <summary>A half-open character range [Start, End) in the text given to <see cref="ShellParser.Parse"/>.</summary>
    internal readonly struct ShellSpan : IEquatable<ShellSpan>
    {
        public ShellSpan(int start, int end)
        {
            Start = start;
            End = end < start ? start : end;
        }

        public int Start { get; }

        public int End { get; }

        public int Length => End - Start;

        public bool Contains(int offset) => offset >= Start && offset < End;

        public bool Equals(ShellSpan other) => Start == other.Start && End == other.End;

        public override bool Equals(object? obj) => obj is ShellSpan other && Equals(other);

        public override int GetHashCode() => (Start * 397) ^ End;

        public override string ToString() => "[" + Start + ".." + End + ")";

        public static bool operator ==(ShellSpan left, ShellSpan right) => left.Equals(right);

        public static bool operator !=(ShellSpan left, ShellSpan right) => !left.Equals(right);
    }

    /// <summary>Base of every syntax node; offsets are always into the original input text.</summary>
    internal abstract class ShellNode
    {
        private static readonly ShellNode[] NoChildren = Array.Empty<ShellNode>();

        protected ShellNode(ShellSpan span) => Span = span;

        public ShellSpan Span { get; }

        public int Start => Span.Start;

        public int End => Span.End;

        /// <summary>Direct children in source order.</summary>
        public virtual IEnumerable<ShellNode> Children => NoChildren;

        /// <summary>
        /// This node and all nodes below it, pre-order, including the scripts of command substitutions.
        /// Iterative, so it cannot overflow the stack on deeply nested input.
        /// </summary>
        public IEnumerable<ShellNode> DescendantsAndSelf()
        {
            var stack = new Stack<ShellNode>();
            stack.Push(this);
            var buffer = new List<ShellNode>();
            while (stack.Count > 0)
            {
                ShellNode node = stack.Pop();
                yield return node;
                buffer.Clear();
                buffer.AddRange(node.Children);
                for (int i = buffer.Count - 1; i >= 0; i--)
                {
                    stack.Push(buffer[i]);
                }
            }
        }

        /// <summary>The source text of this node.</summary>
        public string GetText(string input)
        {
            int start = Math.Min(Math.Max(Start, 0), input.Length);
            int end = Math.Min(Math.Max(End, start), input.Length);
            return input.Substring(start, end - start);
        }
    }

    /// <summary>A <c>#</c> comment, from the <c>#</c> up to (not including) the newline.</summary>
    internal sealed class ShellComment : ShellNode
    {
        public ShellComment(ShellSpan span, string text)
            : base(span) => Text = text;

        /// <summary>The comment text including the leading <c>#</c>.</summary>
        public string Text { get; }
    }
}
