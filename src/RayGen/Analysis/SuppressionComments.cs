using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>
    /// In-YAML suppressions: <c># raygen-disable-next-line RAY0004[,RAY0005]</c> (the next line), and
    /// <c># raygen-disable RAY0004</c> … <c># raygen-enable RAY0004</c> (a range; to the end of the file when
    /// not re-enabled). Without IDs they apply to every rule. Only real YAML comments count: text inside
    /// scalars (a script in a block scalar) is not a directive.
    /// </summary>
    internal sealed class SuppressionComments
    {
        private static readonly Regex Directive = new(
            @"(?:^|\s)#\s*raygen-(?<kind>disable-next-line|disable|enable)\b(?<ids>[^#\r\n]*)",
            RegexOptions.CultureInvariant | RegexOptions.Multiline);

        public static readonly SuppressionComments None = new(new List<(string?, int, int)>());

        private readonly List<(string? Id, int FromLine, int ToLine)> _ranges;

        private SuppressionComments(List<(string?, int, int)> ranges) => _ranges = ranges;

        public bool IsSuppressed(string id, int line) =>
            _ranges.Any(r => (r.Id is null || r.Id == id) && line >= r.FromLine && line <= r.ToLine);

        public static SuppressionComments Parse(string text, YamlReadResult? yaml)
        {
            if (text.IndexOf("raygen-", StringComparison.Ordinal) < 0)
            {
                return None;
            }

            List<SourceSpan> scalars = ScalarSpans(yaml);
            var ranges = new List<(string?, int, int)>();
            var open = new Dictionary<string, int>(StringComparer.Ordinal);
            int line = 0, lineStart = 0;
            foreach (Match match in Directive.Matches(text))
            {
                int hash = text.IndexOf('#', match.Index);
                if (scalars.Any(s => hash >= s.Start && hash < s.End))
                {
                    continue;
                }

                // Advance the line counter to the directive.
                for (; lineStart < hash; lineStart++)
                {
                    if (text[lineStart] == '\n')
                    {
                        line++;
                    }
                }

                string[] ids = match.Groups["ids"].Value.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                string?[] targets = ids.Length == 0 ? new string?[] { null } : ids.Select(i => (string?)i.Trim()).ToArray();
                foreach (string? id in targets)
                {
                    string key = id ?? "*";
                    switch (match.Groups["kind"].Value)
                    {
                        case "disable-next-line":
                            ranges.Add((id, line + 1, line + 1));
                            break;
                        case "disable":
                            if (!open.ContainsKey(key))
                            {
                                open[key] = line;
                            }

                            break;
                        default:
                            if (open.TryGetValue(key, out int from))
                            {
                                ranges.Add((id, from, line));
                                open.Remove(key);
                            }

                            break;
                    }
                }
            }

            foreach (var pair in open)
            {
                ranges.Add((pair.Key == "*" ? null : pair.Key, pair.Value, int.MaxValue));
            }

            return new SuppressionComments(ranges);
        }

        private static List<SourceSpan> ScalarSpans(YamlReadResult? yaml)
        {
            var spans = new List<SourceSpan>();
            var stack = new Stack<YamlNode>();
            foreach (YamlDocument document in yaml?.Documents ?? Array.Empty<YamlDocument>())
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
                if (!seen.Add(node))
                {
                    continue; // aliases share nodes
                }

                switch (node.Kind)
                {
                    case YamlNodeKind.Scalar when node.Style != YamlScalarStyle.Plain:
                        spans.Add(node.Span);
                        break;
                    case YamlNodeKind.Mapping:
                        foreach (YamlEntry entry in node.Entries)
                        {
                            stack.Push(entry.Key);
                            stack.Push(entry.Value);
                        }

                        break;
                    case YamlNodeKind.Sequence:
                        foreach (YamlNode item in node.Items)
                        {
                            stack.Push(item);
                        }

                        break;
                }
            }

            return spans;
        }
    }
}
