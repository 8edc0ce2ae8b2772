using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace RayGen.Generator
{
    /// <summary>C# identifiers and literals for generated code; YAML text never reaches code unescaped.</summary>
    internal static class CSharpNames
    {
        public static bool IsValidNamespace(string value) =>
            value.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None
                && SyntaxFacts.GetContextualKeywordKind(part) != SyntaxKind.GlobalKeyword);

        /// <summary>PascalCase from a Kubernetes name: "raycluster-head-command" → "RayclusterHeadCommand".</summary>
        public static string ToPascalCase(string name, string fallback)
        {
            var builder = new StringBuilder(name.Length);
            bool upper = true;
            foreach (char c in name)
            {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                {
                    builder.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }

            if (builder.Length == 0)
            {
                return fallback;
            }

            if (char.IsDigit(builder[0]))
            {
                builder.Insert(0, fallback);
            }

            string result = builder.ToString();
            return SyntaxFacts.GetKeywordKind(result) == SyntaxKind.None ? result : "@" + result;
        }

        /// <summary>What a string literal adds to <see cref="LiteralCost"/> besides its characters.</summary>
        public const int LiteralOverhead = 3;

        /// <summary>
        /// What <see cref="Literal"/> of <paramref name="value"/> costs in the assembly's user-string heap
        /// (#US, at most 2^24 bytes: error CS8103), in UTF-16 characters: its characters, plus 3 for the
        /// entry's length prefix (1 to 4 bytes) and final byte. Twice the cost bounds the heap bytes, even
        /// where the compiler stores equal strings once. <c>null</c> is written as <c>null</c> and costs nothing.
        /// </summary>
        public static long LiteralCost(string? value) => value is null ? 0 : value.Length + LiteralOverhead;

        /// <summary>A C# string literal. Escapes everything that could end the literal or a line.</summary>
        public static string Literal(string? value)
        {
            if (value is null)
            {
                return "null";
            }

            var builder = new StringBuilder(value.Length + 2).Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        bool surrogateOk = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                            : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(value[i - 1]));
                        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || !surrogateOk)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
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

        /// <summary>Text for an XML doc comment line: escapes markup and folds line breaks.</summary>
        public static string XmlDoc(string value)
        {
            var builder = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                builder.Append(c switch
                {
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '&' => "&amp;",
                    _ when c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u0085' => " ",
                    _ => c.ToString(),
                });
            }

            return builder.ToString();
        }
    }

    /// <summary>
    /// Hands out unique names: the wanted name, else the first free of wanted2, wanted3, ... Callers
    /// visit names in a fixed order, so the result is deterministic. Remembers the last suffix per
    /// wanted name, so n equal names cost O(n), not O(n²) (a hostile file may repeat one name 10,000 times).
    /// </summary>
    internal sealed class NameScope
    {
        private readonly HashSet<string> _taken;
        private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

        public NameScope(IEqualityComparer<string> comparer, params string[] reserved) => _taken = new HashSet<string>(reserved, comparer);

        public string Unique(string wanted)
        {
            if (_taken.Add(wanted))
            {
                return wanted;
            }

            // Every suffix below the remembered one was taken then, and names are never released.
            int suffix = _nextSuffix.TryGetValue(wanted, out int next) ? next : 2;
            string candidate;
            while (!_taken.Add(candidate = wanted + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                suffix++;
            }

            _nextSuffix[wanted] = suffix + 1;
            return candidate;
        }
    }
}
