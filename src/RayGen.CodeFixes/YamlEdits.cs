using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RayGen.Yaml;

namespace RayGen.CodeFixes
{
    /// <summary>Finding the YAML scalar under a diagnostic and writing a replacement scalar.</summary>
    internal static class YamlEdits
    {
        /// <summary>The innermost scalar whose span contains <paramref name="offset"/>.</summary>
        public static YamlNode? ScalarAt(string text, int offset)
        {
            YamlReadResult yaml = YamlReader.Read(text);
            var stack = new Stack<YamlNode>();
            foreach (YamlDocument document in yaml.Documents)
            {
                if (document.Root is { } root)
                {
                    stack.Push(root);
                }
            }

            var seen = new HashSet<YamlNode>();
            while (stack.Count > 0)
            {
                YamlNode node = stack.Pop();
                if (!seen.Add(node) || offset < node.Span.Start || offset > node.Span.End)
                {
                    continue;
                }

                if (node.Kind == YamlNodeKind.Scalar)
                {
                    return node;
                }

                foreach (YamlEntry entry in node.Entries)
                {
                    stack.Push(entry.Value);
                }

                foreach (YamlNode item in node.Items)
                {
                    stack.Push(item);
                }
            }

            return null;
        }

        /// <summary>A double-quoted YAML scalar holding exactly <paramref name="value"/>.</summary>
        public static string DoubleQuoted(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == 0x7F)
                        {
                            builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }
    }
}
