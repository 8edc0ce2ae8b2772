using System;
using System.Globalization;

namespace RayGen.Yaml
{
    /// <summary>
    /// Scalar resolution exactly as Kubernetes reads manifests: sigs.k8s.io/yaml decodes with go-yaml v2
    /// (resolve.go), a YAML 1.1 dialect. Deliberate choices, all matching go-yaml v2:
    /// <list type="bullet">
    /// <item>The first char gates everything: only values starting with a sign, digit, '.', '~' or one of
    /// <c>yYnNtTfFoO</c> can be non-strings.</item>
    /// <item>null: "", ~, null, Null, NULL. bool: y/yes/true/on and n/no/false/off in lower, Capitalized and
    /// UPPER case (so "y" and "N" are bools, "tRUE" is a string).</item>
    /// <item>int: underscores are removed first, then Go's <c>strconv.ParseInt(s, 0, 64)</c>: optional sign,
    /// 0x/0o/0b prefixes (any case), a leading 0 means octal ("0777" = 511). Unsigned values up to
    /// 2^64-1 are ints too (go-yaml falls back to ParseUint).</item>
    /// <item>float: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c> after removing underscores,
    /// plus .inf/.nan spellings. So ints too large for 64 bits become floats, and "08" (not octal) is the
    /// float 8. A value that overflows float64 stays a string, as Go's ParseFloat fails on it.</item>
    /// <item>No sexagesimal numbers ("190:20:30" is a string). Timestamps are strings, because go-yaml v2
    /// hands them to sigs.k8s.io/yaml as the original string.</item>
    /// </list>
    /// </summary>
    internal static class Yaml11
    {
        private const string LongTagPrefix = "tag:yaml.org,2002:";

        /// <summary>Resolves an untagged plain scalar.</summary>
        public static YamlScalarType Resolve(string plainValue) => ResolveCore(plainValue, out _);

        /// <summary>
        /// Resolves a scalar as go-yaml v2 does: quoted and block scalars without a tag are strings;
        /// an explicit standard tag is honoured when the value fits it (<c>!!float</c> also takes ints),
        /// otherwise (go-yaml fails to decode, or the tag is custom, "!", <c>!!binary</c>…) it is a string.
        /// </summary>
        public static YamlScalarType Resolve(string value, YamlScalarStyle style, string? tag)
        {
            if (tag is null)
            {
                return style == YamlScalarStyle.Plain ? Resolve(value) : YamlScalarType.String;
            }

            YamlScalarType resolved = Resolve(value);
            switch (ShortTagName(tag))
            {
                case "null" when resolved == YamlScalarType.Null:
                    return YamlScalarType.Null;
                case "bool" when resolved == YamlScalarType.Bool:
                    return YamlScalarType.Bool;
                case "int" when resolved == YamlScalarType.Int:
                    return YamlScalarType.Int;
                case "float" when resolved is YamlScalarType.Float or YamlScalarType.Int:
                    return YamlScalarType.Float;
                default:
                    return YamlScalarType.String;
            }
        }

        public static bool TryParseBool(string v, out bool value)
        {
            switch (v)
            {
                case "y": case "Y": case "yes": case "Yes": case "YES":
                case "true": case "True": case "TRUE":
                case "on": case "On": case "ON":
                    value = true;
                    return true;
                case "n": case "N": case "no": case "No": case "NO":
                case "false": case "False": case "FALSE":
                case "off": case "Off": case "OFF":
                    value = false;
                    return true;
                default:
                    value = false;
                    return false;
            }
        }

        /// <summary>
        /// Parses a value that resolves to an int. Fails for non-ints and for ints above
        /// <see cref="long.MaxValue"/> (which go-yaml still resolves as unsigned ints).
        /// </summary>
        public static bool TryParseInt(string v, out long value)
        {
            value = 0;
            if (ResolveCore(v, out Number n) != YamlScalarType.Int)
            {
                return false;
            }

            if (n.Negative)
            {
                value = n.Magnitude == 1UL << 63 ? long.MinValue : -(long)n.Magnitude;
                return true;
            }

            if (n.Magnitude > long.MaxValue)
            {
                return false;
            }

            value = (long)n.Magnitude;
            return true;
        }

        /// <summary>Parses a value that resolves to a float or an int (as go-yaml's <c>!!float</c> accepts ints).</summary>
        public static bool TryParseFloat(string v, out double value)
        {
            switch (ResolveCore(v, out Number n))
            {
                case YamlScalarType.Float:
                    value = n.Float;
                    return true;
                case YamlScalarType.Int:
                    value = n.Negative ? -(double)n.Magnitude : n.Magnitude;
                    return true;
                default:
                    value = 0;
                    return false;
            }
        }

        private static string ShortTagName(string tag)
        {
            if (tag.StartsWith(LongTagPrefix, StringComparison.Ordinal))
            {
                return tag.Substring(LongTagPrefix.Length);
            }

            return tag.StartsWith("!!", StringComparison.Ordinal) ? tag.Substring(2) : tag;
        }

        private static YamlScalarType ResolveCore(string v, out Number number)
        {
            number = default;
            if (v.Length == 0)
            {
                return YamlScalarType.Null;
            }

            // go-yaml's resolveTable hint on the first byte.
            char first = v[0];
            bool sign = first is '+' or '-';
            bool digit = first is >= '0' and <= '9';
            bool dot = first == '.';
            if (!sign && !digit && !dot && "yYnNtTfFoO~".IndexOf(first) < 0)
            {
                return YamlScalarType.String;
            }

            switch (v)
            {
                case "~": case "null": case "Null": case "NULL":
                    return YamlScalarType.Null;
                case ".nan": case ".NaN": case ".NAN":
                    number.Float = double.NaN;
                    return YamlScalarType.Float;
                case ".inf": case ".Inf": case ".INF":
                case "+.inf": case "+.Inf": case "+.INF":
                    number.Float = double.PositiveInfinity;
                    return YamlScalarType.Float;
                case "-.inf": case "-.Inf": case "-.INF":
                    number.Float = double.NegativeInfinity;
                    return YamlScalarType.Float;
            }

            if (TryParseBool(v, out _))
            {
                return YamlScalarType.Bool;
            }

            if (dot)
            {
                // go-yaml calls ParseFloat on the raw text, which accepts only Go-style underscores.
                return v.IndexOf('_') >= 0 && !GoUnderscoresOk(v)
                    ? YamlScalarType.String
                    : ResolveFloat(v.Replace("_", ""), ref number);
            }

            if (!sign && !digit)
            {
                return YamlScalarType.String;
            }

            string plain = v.Replace("_", "");
            if (TryParseGoInt(plain, allowSign: true, baseZero: true, ref number)
                || TryParseGoInt(plain, allowSign: false, baseZero: true, ref number))
            {
                return YamlScalarType.Int;
            }

            if (ResolveFloat(plain, ref number) == YamlScalarType.Float)
            {
                return YamlScalarType.Float;
            }

            // go-yaml's explicit binary fallback: it re-parses the text after "0b" in base 2, which
            // also accepts a sign there ("0b-101" is -5).
            if (plain.StartsWith("0b", StringComparison.Ordinal)
                && TryParseGoInt(plain.Substring(2), allowSign: true, baseZero: false, ref number))
            {
                return YamlScalarType.Int;
            }

            return YamlScalarType.String;
        }

        private static YamlScalarType ResolveFloat(string s, ref Number number)
        {
            if (!IsYamlStyleFloat(s)
                || !double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double d)
                || double.IsInfinity(d))
            {
                return YamlScalarType.String;
            }

            number.Float = d;
            return YamlScalarType.Float;
        }

        /// <summary>go-yaml's <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.</summary>
        private static bool IsYamlStyleFloat(string s)
        {
            int i = 0;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            int intDigits = SkipDigits(s, ref i);
            if (intDigits == 0)
            {
                if (i >= s.Length || s[i] != '.')
                {
                    return false;
                }

                i++;
                if (SkipDigits(s, ref i) == 0)
                {
                    return false;
                }
            }
            else if (i < s.Length && s[i] == '.')
            {
                i++;
                SkipDigits(s, ref i);
            }

            if (i < s.Length && s[i] is 'e' or 'E')
            {
                i++;
                if (i < s.Length && s[i] is '+' or '-')
                {
                    i++;
                }

                if (SkipDigits(s, ref i) == 0)
                {
                    return false;
                }
            }

            return i == s.Length;
        }

        private static int SkipDigits(string s, ref int i)
        {
            int start = i;
            while (i < s.Length && s[i] is >= '0' and <= '9')
            {
                i++;
            }

            return i - start;
        }

        /// <summary>
        /// Go's <c>strconv.ParseInt(s, 0 or 2, 64)</c> (<paramref name="allowSign"/>) or
        /// <c>ParseUint</c> (no sign, full 64-bit range). Underscores are already removed.
        /// </summary>
        private static bool TryParseGoInt(string s, bool allowSign, bool baseZero, ref Number number)
        {
            int i = 0;
            bool negative = false;
            if (allowSign && s.Length > 0 && s[0] is '+' or '-')
            {
                negative = s[0] == '-';
                i = 1;
            }

            if (i >= s.Length)
            {
                return false;
            }

            uint radix = 2;
            if (baseZero)
            {
                radix = 10;
                if (s[i] == '0')
                {
                    char prefix = s.Length - i >= 3 ? char.ToLowerInvariant(s[i + 1]) : '\0';
                    (radix, i) = prefix switch
                    {
                        'b' => (2u, i + 2),
                        'o' => (8u, i + 2),
                        'x' => (16u, i + 2),
                        _ => (8u, i + 1),
                    };
                }
            }

            ulong magnitude = 0;
            for (; i < s.Length; i++)
            {
                uint d = DigitValue(s[i]);
                if (d >= radix || magnitude > (ulong.MaxValue - d) / radix)
                {
                    return false;
                }

                magnitude = (magnitude * radix) + d;
            }

            ulong limit = !allowSign ? ulong.MaxValue : negative ? 1UL << 63 : long.MaxValue;
            if (magnitude > limit)
            {
                return false;
            }

            number.Negative = negative && magnitude != 0;
            number.Magnitude = magnitude;
            return true;
        }

        private static uint DigitValue(char c) => c switch
        {
            >= '0' and <= '9' => (uint)(c - '0'),
            >= 'a' and <= 'z' => (uint)(c - 'a' + 10),
            >= 'A' and <= 'Z' => (uint)(c - 'A' + 10),
            _ => uint.MaxValue,
        };

        /// <summary>Go's <c>strconv.underscoreOK</c>: underscores only between digits (or after a base prefix).</summary>
        private static bool GoUnderscoresOk(string s)
        {
            char saw = '^';
            int i = 0;
            if (s.Length >= 1 && s[0] is '-' or '+')
            {
                i = 1;
            }

            bool hex = false;
            if (s.Length - i >= 2 && s[i] == '0' && char.ToLowerInvariant(s[i + 1]) is 'b' or 'o' or 'x')
            {
                hex = char.ToLowerInvariant(s[i + 1]) == 'x';
                i += 2;
                saw = '0';
            }

            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c is >= '0' and <= '9' || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
                {
                    saw = '0';
                    continue;
                }

                if (c == '_')
                {
                    if (saw != '0')
                    {
                        return false;
                    }

                    saw = '_';
                    continue;
                }

                if (saw == '_')
                {
                    return false;
                }

                saw = '!';
            }

            return saw != '_';
        }

        private struct Number
        {
            public bool Negative;
            public ulong Magnitude;
            public double Float;
        }
    }
}
