using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RayGen.Yaml;

namespace RayGen.Tests.Robustness
{
    /// <summary>
    /// A deterministic YAML mutator: the same seed text and <see cref="Random"/> give the same mutant on
    /// every machine. Each operator imitates a way real files go wrong (a bad merge, a tab, a wrong type).
    /// </summary>
    internal static class YamlMutator
    {
        /// <summary>Characters YAML, C# and shells treat specially, plus ones no real manifest holds.</summary>
        private static readonly string[] OddCharacters =
        {
            "\0", "\u0001", "\u0007", "\b", "\u000B", "\f", "\u001B", "\u007F", "\u0085", "\u00A0", "\u2028", "\u2029",
            "\uFEFF", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "é", "中文", "🚀", "\t", "\r", "\"", "'", "\\", "{{", "}}", "#", "&", "*", "!", "|", ">", "%",
        };

        private static readonly string[] ToScalar = { "x", "\"text\"", "42", "true", "3.5", "''", "null", "~" };
        private static readonly string[] ToMap = { "{x: y}", "{}", "{a: [b]}", "{name: ray, image: img}" };
        private static readonly string[] ToList = { "[x]", "[]", "[{a: b}]", "[[x]]", "[1, true, ~]" };

        private delegate string Operator(string text, Random random);

        private static readonly (string Name, Operator Apply, int Weight)[] Operators =
        {
            ("byte-flip", ByteFlip, 3),
            ("truncate", Truncate, 2),
            ("indent-shift", IndentShift, 3),
            ("type-swap", TypeSwap, 6),
            ("huge-or-empty-string", HugeOrEmptyString, 2),
            ("odd-characters", OddCharacter, 3),
            ("duplicate-key", DuplicateKey, 2),
            ("tabs", Tabs, 2),
            ("drop-line", DropLine, 2),
        };

        private static readonly int TotalWeight = Operators.Sum(o => o.Weight);

        /// <summary>One to three operators on <paramref name="text"/>; returns the mutant and the operator names.</summary>
        public static (string Text, string Operators) Mutate(string text, Random random)
        {
            var names = new List<string>();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int pick = random.Next(TotalWeight);
                foreach (var (name, apply, weight) in Operators)
                {
                    if ((pick -= weight) < 0)
                    {
                        text = apply(text, random);
                        names.Add(name);
                        break;
                    }
                }
            }

            return (text, string.Join("+", names));
        }

        private static string ByteFlip(string text, Random random)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length == 0)
            {
                return text;
            }

            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            return Encoding.UTF8.GetString(bytes);
        }

        private static string Truncate(string text, Random random) => text.Substring(0, random.Next(text.Length + 1));

        /// <summary>Moves a run of lines left or right, as a bad paste does.</summary>
        private static string IndentShift(string text, Random random)
        {
            string[] lines = text.Split('\n');
            int start = random.Next(lines.Length);
            int count = random.Next(1, 6);
            int shift = random.Next(1, 5) * (random.Next(2) == 0 ? -1 : 1);
            for (int i = start; i < Math.Min(lines.Length, start + count); i++)
            {
                lines[i] = shift > 0
                    ? new string(' ', shift) + lines[i]
                    : lines[i].Substring(Math.Min(-shift, lines[i].Length - lines[i].TrimStart(' ').Length));
            }

            return string.Join("\n", lines);
        }

        /// <summary>
        /// Replaces a value with one of another node type (scalar, map, list), written in flow style right
        /// after its key or dash, so the result is usually valid YAML with a wrong shape.
        /// </summary>
        private static string TypeSwap(string text, Random random)
        {
            if (PickValue(text, random) is not { } target)
            {
                return text;
            }

            string[] choices = target.Node.Kind switch
            {
                YamlNodeKind.Scalar => random.Next(2) == 0 ? ToMap : ToList,
                YamlNodeKind.Mapping => random.Next(2) == 0 ? ToScalar : ToList,
                _ => random.Next(2) == 0 ? ToScalar : ToMap,
            };
            return Replace(text, target, choices[random.Next(choices.Length)]);
        }

        private static string HugeOrEmptyString(string text, Random random)
        {
            if (PickValue(text, random, scalarsOnly: true) is not { } target)
            {
                return text;
            }

            string value = random.Next(3) switch
            {
                0 => "\"\"",
                1 => "\"" + new string((char)('a' + random.Next(26)), random.Next(10_000, 200_000)) + "\"",
                _ => "'" + string.Concat(Enumerable.Repeat("ray start --head; ", random.Next(1_000, 10_000))) + "'",
            };
            return Replace(text, target, value);
        }

        private static string OddCharacter(string text, Random random)
        {
            var builder = new StringBuilder(text);
            for (int inserts = random.Next(1, 4); inserts > 0; inserts--)
            {
                builder.Insert(random.Next(builder.Length + 1), OddCharacters[random.Next(OddCharacters.Length)]);
            }

            return builder.ToString();
        }

        /// <summary>Repeats a one-line "key: value" entry right after itself.</summary>
        private static string DuplicateKey(string text, Random random)
        {
            var lines = text.Split('\n').ToList();
            int[] candidates = Enumerable.Range(0, lines.Count)
                .Where(i => lines[i].Contains(": ") && !lines[i].TrimStart().StartsWith("#", StringComparison.Ordinal))
                .ToArray();
            if (candidates.Length == 0)
            {
                return text;
            }

            int at = candidates[random.Next(candidates.Length)];
            string line = lines[at];
            int dash = line.TrimStart(' ').StartsWith("- ", StringComparison.Ordinal) ? line.IndexOf('-') : -1;

            // For "- key: v" the repeated entry belongs to the same item: indent it past the dash.
            lines.Insert(at + 1, dash >= 0 ? new string(' ', dash + 2) + line.Substring(dash + 2) : line);
            return string.Join("\n", lines);
        }

        private static string Tabs(string text, Random random)
        {
            string[] lines = text.Split('\n');
            int at = random.Next(lines.Length);
            string line = lines[at];
            int indent = line.Length - line.TrimStart(' ').Length;
            lines[at] = random.Next(2) == 0 && indent > 0
                ? "\t" + line.Substring(Math.Min(indent, 2))
                : line.Replace(": ", ":\t");
            return string.Join("\n", lines);
        }

        private static string DropLine(string text, Random random)
        {
            var lines = text.Split('\n').ToList();
            lines.RemoveAt(random.Next(lines.Count));
            return string.Join("\n", lines);
        }

        private sealed record Target(YamlNode Node, int Start, int End, bool AfterKey);

        /// <summary>A value node that can be rewritten in place: an entry value (replaced from the key's end) or a list item.</summary>
        private static Target? PickValue(string text, Random random, bool scalarsOnly = false)
        {
            YamlReadResult yaml = YamlReader.Read(text);
            var targets = new List<Target>();
            var pending = new Stack<YamlNode>(yaml.Documents.Where(d => d.Root is not null).Select(d => d.Root!));
            var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
            while (pending.Count > 0)
            {
                YamlNode node = pending.Pop();
                if (!seen.Add(node))
                {
                    continue;
                }

                foreach (YamlEntry entry in node.Entries)
                {
                    // Only keys on one line, with their value after them (an alias's span is its anchor's).
                    if (entry.Key.Kind == YamlNodeKind.Scalar && entry.Key.Span.StartLine == entry.Key.Span.EndLine
                        && entry.Value.Span.Start >= entry.Key.Span.End && entry.Value.Span.End <= node.Span.End)
                    {
                        targets.Add(new Target(entry.Value, entry.Key.Span.End, entry.Value.Span.End, AfterKey: true));
                    }

                    pending.Push(entry.Value);
                }

                foreach (YamlNode item in node.Items)
                {
                    if (item.Span.Start >= node.Span.Start && item.Span.End <= node.Span.End)
                    {
                        targets.Add(new Target(item, item.Span.Start, item.Span.End, AfterKey: false));
                    }

                    pending.Push(item);
                }
            }

            Target[] usable = targets.Where(t => !scalarsOnly || t.Node.Kind == YamlNodeKind.Scalar).ToArray();
            return usable.Length == 0 ? null : usable[random.Next(usable.Length)];
        }

        private static string Replace(string text, Target target, string value)
        {
            // Entry values are replaced from the key's end, so a block value becomes "key: <flow value>".
            string replacement = target.AfterKey ? ": " + value : value;
            int end = Math.Min(text.Length, Math.Max(target.End, target.Start));
            return text.Substring(0, target.Start) + replacement + text.Substring(end);
        }
    }
}
