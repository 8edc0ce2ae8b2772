using System.Linq;

namespace RayGen.Tests.Infrastructure
{
    internal static class YamlText
    {
        /// <summary>A double-quoted YAML scalar that carries any string: JSON-style escapes for all but printable ASCII.</summary>
        public static string DoubleQuoted(string value) =>
            "\"" + string.Concat(value.Select(c => c < 0x20 || c > 0x7E || c == '"' || c == '\\' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
    }
}
