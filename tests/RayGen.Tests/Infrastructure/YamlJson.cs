using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>
    /// YAML to JSON the way Kubernetes reads manifests (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 scalars:
    /// <c>yes</c> is true, <c>0777</c> is 511, <c>~</c> is null), written for the tests with YamlDotNet's
    /// representation model and go-yaml's resolve rules, independently of RayGen's own reader.
    /// </summary>
    internal static class YamlJson
    {
        private static readonly Regex Bool = new("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
        private static readonly Regex Int = new("^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$");
        private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$");

        /// <summary>Every document of a YAML stream, merge keys applied.</summary>
        public static IReadOnlyList<JsonNode?> Documents(string text)
        {
            var stream = new YamlStream();
            stream.Load(new MergingParser(new Parser(new StringReader(text))));
            return stream.Documents.Select(d => Convert(d.RootNode)).ToArray();
        }

        public static JsonNode? Convert(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    var json = new JsonObject();
                    foreach (var (key, value) in map.Children)
                    {
                        json[KeyText((YamlScalarNode)key)] = Convert(value);
                    }

                    return json;
                case YamlSequenceNode list:
                    return new JsonArray(list.Children.Select(Convert).ToArray());
                default:
                    return Scalar((YamlScalarNode)node);
            }
        }

        private static string KeyText(YamlScalarNode key) => Scalar(key) switch
        {
            null => "null",
            JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue(out long l) => l.ToString(CultureInfo.InvariantCulture),
            _ => key.Value ?? string.Empty,
        };

        private static JsonNode? Scalar(YamlScalarNode scalar)
        {
            string value = scalar.Value ?? string.Empty;
            string tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
            if (tag == "tag:yaml.org,2002:str" || (tag.Length == 0 && scalar.Style != YamlDotNet.Core.ScalarStyle.Plain))
            {
                return JsonValue.Create(value);
            }

            if (value is "" or "~" or "null" or "Null" or "NULL")
            {
                return null;
            }

            if (Bool.IsMatch(value))
            {
                return JsonValue.Create(value[0] is 'y' or 'Y' or 't' or 'T' || value is "on" or "On" or "ON");
            }

            string digits = value.Replace("_", string.Empty);
            if (Int.IsMatch(value) && ParseInt(digits) is { } integer)
            {
                return JsonValue.Create(integer);
            }

            if (Float.IsMatch(value) && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
            {
                return JsonValue.Create(real);
            }

            return JsonValue.Create(value);
        }

        /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>: 0x, 0o, 0b prefixes, and a leading 0 means octal.</summary>
        private static long? ParseInt(string text)
        {
            bool negative = text.StartsWith('-');
            string body = text.TrimStart('-', '+');
            (int radix, string digits) = body.Length > 1 && body[0] == '0'
                ? char.ToLowerInvariant(body[1]) switch
                {
                    'x' => (16, body[2..]),
                    'b' => (2, body[2..]),
                    'o' => (8, body[2..]),
                    _ => (8, body[1..]),
                }
                : (10, body);
            try
            {
                long magnitude = System.Convert.ToInt64(digits, radix);
                return negative ? -magnitude : magnitude;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                return null;
            }
        }
    }
}
