using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace RayGen.Helpers
{
    /// <summary>A minimal indented writer; always '\n' line ends so output is identical on every OS.</summary>
    internal sealed class SourceWriter
    {
        // Null for a discarding writer: the emitter runs through it to count its literals, keeping no text.
        private readonly StringBuilder? _builder;
        private int _indent;

        public SourceWriter()
            : this(new StringBuilder())
        {
        }

        private SourceWriter(StringBuilder? builder) => _builder = builder;

        /// <summary>True for a writer that keeps nothing (<see cref="Discarding"/>).</summary>
        public bool Discards => _builder is null;

        /// <summary>A writer that drops every line: for a dry run that only counts what would be written.</summary>
        public static SourceWriter Discarding() => new(null);

        public void Line(string text = "")
        {
            if (_builder is null)
            {
                return;
            }

            if (text.Length > 0)
            {
                _builder.Append(' ', _indent * 4).Append(text);
            }

            _builder.Append('\n');
        }

        /// <summary>A line of several parts, appended without joining them first (pod trees write one per node).</summary>
        public void Line(string first, string second, string third = "", string fourth = "")
        {
            if (_builder is null)
            {
                return;
            }

            _builder.Append(' ', _indent * 4).Append(first).Append(second).Append(third).Append(fourth).Append('\n');
        }

        public void Open()
        {
            Line("{");
            _indent++;
        }

        public void Close(string text = "}")
        {
            _indent--;
            Line(text);
        }

        public void Close(string text, string suffix)
        {
            _indent--;
            Line(text, suffix);
        }

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        public SourceText ToSourceText() => SourceText.From(_builder?.ToString() ?? string.Empty, Encoding.UTF8);
    }
}
