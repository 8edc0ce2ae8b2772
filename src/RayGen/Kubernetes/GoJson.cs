using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace RayGen.Kubernetes
{
    /// <summary>
    /// The slice of Go's <c>encoding/json</c> (Go 1.22+) that KubeRay applies to <c>map[string]float64</c>
    /// resource objects: <c>json.Unmarshal</c>, <c>json.Marshal</c> (HTML-escaping, sorted keys) and the
    /// float64 / string encodings (spec §5.4, §5.8).
    /// </summary>
    internal static class GoJson
    {
        private const string Hex = "0123456789abcdef";

        /// <summary>Go's order of map keys when marshalling: byte order of the UTF-8 encodings.</summary>
        public static IComparer<string> KeyOrder { get; } = new Utf8Order();

        /// <summary>
        /// <c>strings.Trim(s, "'\"` ")</c>: KubeRay strips any run of quotes, backticks and spaces from both ends
        /// of <c>rayStartParams["resources"]</c> before unmarshalling it.
        /// </summary>
        public static string TrimResourcesQuoting(string s) => s.Trim('\'', '"', '`', ' ');

        /// <summary>
        /// A YAML number as Kubernetes passes it on after converting YAML to JSON (Go's JSON text of it):
        /// <c>0777</c> becomes <c>511</c>, <c>1e3</c> becomes <c>1000</c>. <c>null</c> for other scalars.
        /// </summary>
        public static string? YamlNumberText(Yaml.YamlScalarType type, string value)
        {
            switch (type)
            {
                case Yaml.YamlScalarType.Int when Yaml.Yaml11.TryParseInt(value, out long integer):
                    return integer.ToString(CultureInfo.InvariantCulture);
                case Yaml.YamlScalarType.Float when Yaml.Yaml11.TryParseFloat(value, out double number) && TryFormatFloat64(number, out string text):
                    return text;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Go's float64 encoding: the shortest round-trip digits, plain notation for <c>1e-6 ≤ |x| &lt; 1e21</c> and
        /// zero (<c>-0</c> stays <c>"-0"</c>), otherwise <c>1e-7</c> / <c>1.5e+21</c> style. False for NaN and ±Inf,
        /// which <c>json.Marshal</c> rejects with an error.
        /// </summary>
        public static bool TryFormatFloat64(double value, out string text)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                text = string.Empty;
                return false;
            }

            bool negative = BitConverter.DoubleToInt64Bits(value) < 0;
            if (value == 0)
            {
                text = negative ? "-0" : "0";
                return true;
            }

            double magnitude = Math.Abs(value);
            string digits = GoFloat.ShortestDigits(magnitude, out int exponent);
            var builder = new StringBuilder(digits.Length + 8);
            if (negative)
            {
                builder.Append('-');
            }

            if (magnitude < 1e-6 || magnitude >= 1e21)
            {
                builder.Append(digits[0]);
                if (digits.Length > 1)
                {
                    builder.Append('.').Append(digits, 1, digits.Length - 1);
                }

                // strconv pads the exponent to two digits; encoding/json then turns "e-07" into "e-7".
                builder.Append(exponent < 0 ? "e-" : "e+");
                string exponentDigits = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
                builder.Append(exponent > 0 ? exponentDigits.PadLeft(2, '0') : exponentDigits);
            }
            else if (exponent < 0)
            {
                builder.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
            else if (digits.Length <= exponent + 1)
            {
                builder.Append(digits).Append('0', exponent + 1 - digits.Length);
            }
            else
            {
                builder.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            }

            text = builder.ToString();
            return true;
        }

        /// <summary><see cref="TryFormatFloat64"/>, throwing <see cref="ArgumentException"/> for NaN and ±Inf.</summary>
        public static string FormatFloat64(double value) =>
            TryFormatFloat64(value, out string text)
                ? text
                : throw new ArgumentException("Go's encoding/json cannot encode " + value.ToString(CultureInfo.InvariantCulture) + ".", nameof(value));

        /// <summary>
        /// Go's JSON string encoding with HTML escaping (what <c>json.Marshal</c> does): <c>\"</c> <c>\\</c>
        /// <c>\b</c> <c>\f</c> <c>\n</c> <c>\r</c> <c>\t</c>, other controls as <c>\u00XX</c>, <c>&lt; &gt; &amp;</c> and
        /// U+2028/U+2029 as <c>\uXXXX</c>. A lone surrogate (ill-formed, like invalid UTF-8 in Go) becomes
        /// <c>\ufffd</c>; everything else is written raw.
        /// </summary>
        public static string QuoteString(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '<': builder.Append("\\u003c"); break;
                    case '>': builder.Append("\\u003e"); break;
                    case '&': builder.Append("\\u0026"); break;
                    case '\u2028': builder.Append("\\u2028"); break;
                    case '\u2029': builder.Append("\\u2029"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
                        }
                        else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            builder.Append(c).Append(value[++i]);
                        }
                        else if (char.IsSurrogate(c))
                        {
                            builder.Append("\\ufffd");
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

        /// <summary>
        /// Go's <c>json.Unmarshal</c> into a <c>map[string]float64</c>. True for a JSON object whose values are
        /// numbers or <c>null</c>; entries keep first-appearance order, a repeated key takes its last value.
        /// </summary>
        /// <remarks>
        /// Go semantics mirrored: strict RFC 8259 grammar (whitespace is space, tab, CR, LF only); a
        /// <c>null</c> member value stores 0 (the map element is zeroed and null is ignored); a number that
        /// overflows float64 is an error, one that underflows becomes 0; string, bool, array and object values
        /// are type errors; escapes are decoded, a lone surrogate becomes U+FFFD. A top-level <c>null</c>
        /// succeeds with no entries, as in Go, where the map then stays nil: KubeRay would panic if it went on
        /// to add an accelerator to it.
        /// </remarks>
        public static bool TryParseNumberObject(string json, out List<KeyValuePair<string, double>> entries)
        {
            entries = new List<KeyValuePair<string, double>>();
            var parsed = new List<KeyValuePair<string, double>>();
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            int position = 0;
            SkipWhitespace(json, ref position);
            if (TrySkipLiteral(json, ref position, "null"))
            {
                SkipWhitespace(json, ref position);
                return position == json.Length;
            }

            if (!TrySkip(json, ref position, '{'))
            {
                return false;
            }

            SkipWhitespace(json, ref position);
            if (!TrySkip(json, ref position, '}'))
            {
                while (true)
                {
                    SkipWhitespace(json, ref position);
                    if (!TryReadString(json, ref position, out string key))
                    {
                        return false;
                    }

                    SkipWhitespace(json, ref position);
                    if (!TrySkip(json, ref position, ':'))
                    {
                        return false;
                    }

                    SkipWhitespace(json, ref position);
                    double value = 0;
                    if (!TrySkipLiteral(json, ref position, "null") && !TryReadNumber(json, ref position, out value))
                    {
                        return false;
                    }

                    var entry = new KeyValuePair<string, double>(key, value);
                    if (positions.TryGetValue(key, out int index))
                    {
                        parsed[index] = entry;
                    }
                    else
                    {
                        positions.Add(key, parsed.Count);
                        parsed.Add(entry);
                    }

                    SkipWhitespace(json, ref position);
                    if (TrySkip(json, ref position, '}'))
                    {
                        break;
                    }

                    if (!TrySkip(json, ref position, ','))
                    {
                        return false;
                    }
                }
            }

            SkipWhitespace(json, ref position);
            if (position != json.Length)
            {
                return false;
            }

            entries = parsed;
            return true;
        }

        /// <summary>
        /// <c>json.Marshal</c> of a <c>map[string]float64</c>: compact, keys in UTF-8 byte order, a repeated key
        /// keeps its last value. False if a value is NaN or ±Inf (Go returns an error).
        /// </summary>
        public static bool TrySerializeNumberObject(IEnumerable<KeyValuePair<string, double>> entries, out string json)
        {
            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, double> entry in entries)
            {
                map[entry.Key] = entry.Value;
            }

            var keys = new List<string>(map.Keys);
            keys.Sort(KeyOrder);
            var builder = new StringBuilder("{");
            foreach (string key in keys)
            {
                if (!TryFormatFloat64(map[key], out string number))
                {
                    json = string.Empty;
                    return false;
                }

                if (builder.Length > 1)
                {
                    builder.Append(',');
                }

                builder.Append(QuoteString(key)).Append(':').Append(number);
            }

            json = builder.Append('}').ToString();
            return true;
        }

        /// <summary><see cref="TrySerializeNumberObject"/>, throwing <see cref="ArgumentException"/> for NaN and ±Inf values.</summary>
        public static string SerializeNumberObject(IEnumerable<KeyValuePair<string, double>> entries) =>
            TrySerializeNumberObject(entries, out string json)
                ? json
                : throw new ArgumentException("Go's encoding/json cannot encode NaN or infinite values.", nameof(entries));

        private static void SkipWhitespace(string json, ref int position)
        {
            while (position < json.Length && json[position] is ' ' or '\t' or '\n' or '\r')
            {
                position++;
            }
        }

        private static bool TrySkip(string json, ref int position, char expected)
        {
            if (position < json.Length && json[position] == expected)
            {
                position++;
                return true;
            }

            return false;
        }

        private static bool TrySkipLiteral(string json, ref int position, string literal)
        {
            if (string.CompareOrdinal(json, position, literal, 0, literal.Length) == 0)
            {
                position += literal.Length;
                return true;
            }

            return false;
        }

        private static bool TryReadString(string json, ref int position, out string value)
        {
            value = string.Empty;
            if (!TrySkip(json, ref position, '"'))
            {
                return false;
            }

            var builder = new StringBuilder();
            while (position < json.Length)
            {
                char c = json[position++];
                if (c == '"')
                {
                    value = builder.ToString();
                    return true;
                }

                if (c < 0x20)
                {
                    return false;
                }

                if (c != '\\')
                {
                    // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is the UTF-16 counterpart.
                    if (char.IsHighSurrogate(c) && position < json.Length && char.IsLowSurrogate(json[position]))
                    {
                        builder.Append(c).Append(json[position++]);
                    }
                    else
                    {
                        builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    }

                    continue;
                }

                if (position >= json.Length)
                {
                    return false;
                }

                char escape = json[position++];
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (!TryReadHex4(json, position, out char unit))
                        {
                            return false;
                        }

                        position += 4;
                        if (!char.IsSurrogate(unit))
                        {
                            builder.Append(unit);
                        }
                        else if (char.IsHighSurrogate(unit) && position + 1 < json.Length && json[position] == '\\' && json[position + 1] == 'u'
                            && TryReadHex4(json, position + 2, out char low) && char.IsLowSurrogate(low))
                        {
                            builder.Append(unit).Append(low);
                            position += 6;
                        }
                        else
                        {
                            // Like Go, only this escape is replaced; a following escape is decoded on its own.
                            builder.Append('\uFFFD');
                        }

                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool TryReadHex4(string json, int position, out char unit)
        {
            unit = '\0';
            if (position + 4 > json.Length)
            {
                return false;
            }

            int result = 0;
            for (int i = position; i < position + 4; i++)
            {
                char c = json[i];
                int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : -1;
                if (digit < 0)
                {
                    return false;
                }

                result = (result << 4) | digit;
            }

            unit = (char)result;
            return true;
        }

        /// <summary>A strict JSON number converted like Go's <c>strconv.ParseFloat(s, 64)</c>; false on overflow.</summary>
        private static bool TryReadNumber(string json, ref int position, out double value)
        {
            value = 0;
            bool negative = TrySkip(json, ref position, '-');
            int integerStart = position;

            // A leading zero stands alone (the caller then rejects any digit that follows it).
            if (!TrySkip(json, ref position, '0') && !SkipDigits(json, ref position))
            {
                return false;
            }

            string digits = json.Substring(integerStart, position - integerStart);
            int fractionDigits = 0;
            if (TrySkip(json, ref position, '.'))
            {
                int fractionStart = position;
                if (!SkipDigits(json, ref position))
                {
                    return false;
                }

                fractionDigits = position - fractionStart;
                digits += json.Substring(fractionStart, fractionDigits);
            }

            long exponent = 0;
            if (position < json.Length && json[position] is 'e' or 'E')
            {
                position++;
                bool negativeExponent = TrySkip(json, ref position, '-');
                if (!negativeExponent)
                {
                    TrySkip(json, ref position, '+');
                }

                int exponentStart = position;
                if (!SkipDigits(json, ref position))
                {
                    return false;
                }

                // Saturate: anything this large already decides overflow or underflow on its own.
                for (int i = exponentStart; i < position && exponent < 1_000_000_000; i++)
                {
                    exponent = (exponent * 10) + (json[i] - '0');
                }

                exponent = negativeExponent ? -exponent : exponent;
            }

            double magnitude = DecimalToDouble(digits.TrimStart('0'), exponent - fractionDigits);
            if (double.IsInfinity(magnitude))
            {
                return false;
            }

            value = negative ? -magnitude : magnitude;
            return true;
        }

        private static bool SkipDigits(string json, ref int position)
        {
            int start = position;
            while (position < json.Length && json[position] >= '0' && json[position] <= '9')
            {
                position++;
            }

            return position > start;
        }

        /// <summary>Correctly rounded <c>digits × 10^exponent</c> (digits without leading zeros, possibly empty).</summary>
        private static double DecimalToDouble(string digits, long exponent)
        {
            if (digits.Length == 0)
            {
                return 0;
            }

            // 10^(n-1) ≤ value < 10^n: beyond these bounds the result is +Inf or 0 whatever the digits.
            long decimalMagnitude = digits.Length + exponent;
            if (decimalMagnitude > 310)
            {
                return double.PositiveInfinity;
            }

            if (decimalMagnitude < -330)
            {
                return 0;
            }

            BigInteger mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            return exponent >= 0
                ? GoFloat.FromRatio(mantissa * BigInteger.Pow(10, (int)exponent), BigInteger.One)
                : GoFloat.FromRatio(mantissa, BigInteger.Pow(10, (int)-exponent));
        }

        /// <summary>Code point order with lone surrogates at their own value, i.e. the byte order of (WTF-)UTF-8.</summary>
        private sealed class Utf8Order : IComparer<string>
        {
            public int Compare(string? x, string? y)
            {
                if (x is null || y is null)
                {
                    return x is null ? (y is null ? 0 : -1) : 1;
                }

                int i = 0, j = 0;
                while (i < x.Length && j < y.Length)
                {
                    int left = NextCodePoint(x, ref i);
                    int right = NextCodePoint(y, ref j);
                    if (left != right)
                    {
                        return left < right ? -1 : 1;
                    }
                }

                return (x.Length - i).CompareTo(y.Length - j);
            }

            private static int NextCodePoint(string s, ref int index)
            {
                char c = s[index++];
                if (char.IsHighSurrogate(c) && index < s.Length && char.IsLowSurrogate(s[index]))
                {
                    return char.ConvertToUtf32(c, s[index++]);
                }

                return c;
            }
        }
    }
}
