using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace RayGen.Helpers
{
    /// <summary>A minimal indented writer; always '\n' line ends so output is identical on every OS.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new();
        private int _indent;

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                _builder.Append(' ', _indent * 4).Append(text);
            }

            _builder.Append('\n');
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

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);
    }
}
