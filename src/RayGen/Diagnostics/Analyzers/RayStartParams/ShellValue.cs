using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RayGen.Shell;

namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>A <c>$X</c>, <c>${X…}</c> (bash) or <c>$(X)</c> (kubelet) reference inside a rayStartParams value.</summary>
    internal sealed class ValueReference
    {
        public ValueReference(string name, int start, int end, bool isKubelet, string? @operator)
        {
            Name = name;
            Start = start;
            End = end;
            IsKubelet = isKubelet;
            Operator = @operator;
        }

        public string Name { get; }

        /// <summary>Offsets [Start, End) in the value.</summary>
        public int Start { get; }

        public int End { get; }

        /// <summary><c>$(X)</c>: expanded by the kubelet when X is an env var of the container, else run by bash as a command.</summary>
        public bool IsKubelet { get; }

        /// <summary>The <c>${X…}</c> operator (<c>:-</c>, <c>#</c>, …), or <c>null</c>.</summary>
        public string? Operator { get; }

        /// <summary><c>${X:-d}</c>, <c>${X-d}</c>, <c>${X:=d}</c>, <c>${X=d}</c>, <c>${X:+a}</c>, <c>${X:?m}</c>…: the user handled the unset case.</summary>
        public bool HandlesUnset => Operator is ":-" or "-" or ":=" or "=" or ":+" or "+" or ":?" or "?";
    }

    /// <summary>
    /// What bash makes of one rendered flag <c>--k=v</c> inside the generated command (rules.md RAY0033/RAY0034):
    /// the value is parsed as part of <c>ray start --k=v</c> with RayGen's bash front end, then brace expansion,
    /// word splitting and quote removal are simulated. Expansions (<c>$X</c>, <c>$(…)</c>, backquotes) are opaque:
    /// their output is unknown at build time. The kubelet's <c>$(NAME)</c> for a known env var is applied first.
    /// </summary>
    internal sealed class ShellValue
    {
        private const int MaxWords = 64;

        private ShellValue()
        {
        }

        /// <summary>bash rejects the text, or the value changes the command's structure (<c>;</c>, <c>|</c>, a comment …).</summary>
        public bool Breaks { get; private set; }

        /// <summary>Why <see cref="Breaks"/>, in words for the message.</summary>
        public string? BreakReason { get; private set; }

        /// <summary>Value offset of the first character that breaks the command (or -1).</summary>
        public int BreakOffset { get; private set; } = -1;

        /// <summary>The unbalanced-quote case of <see cref="Breaks"/>.</summary>
        public bool HasUnbalancedQuote { get; private set; }

        /// <summary>The words <c>ray start</c> receives from <c>--k=v</c>, after brace expansion and quote removal (expansions as written).</summary>
        public IReadOnlyList<string> Words { get; private set; } = Array.Empty<string>();

        /// <summary>The flag word contains an expansion whose output is unknown at build time.</summary>
        public bool HasExpansion { get; private set; }

        /// <summary>The value as <c>ray start</c> receives it, when it stays one word without expansions; else <c>null</c>.</summary>
        public string? Processed { get; private set; }

        /// <summary>For each character of <see cref="Processed"/>, its offset in the value.</summary>
        public IReadOnlyList<int> ProcessedMap { get; private set; } = Array.Empty<int>();

        /// <summary>Environment variable references, bash's and the kubelet's, in value order.</summary>
        public IReadOnlyList<ValueReference> References { get; private set; } = Array.Empty<ValueReference>();

        /// <summary>Bash quote removal changes the value (quotes or backslashes it contains are syntax, not data).</summary>
        public bool QuoteRemovalChangesIt { get; private set; }

        public bool StaysOneWord => !Breaks && Words.Count == 1;

        public static ShellValue Analyze(string key, string value, Func<string, bool> kubeletResolves)
        {
            var result = new ShellValue();
            var references = new List<ValueReference>();
            string bashText = ApplyKubelet(value, kubeletResolves, references, out int[] toValue);

            string flag = "--" + (IsSafeKey(key) ? key : "k") + "=";
            string prefix = "ray start " + flag;
            string text = prefix + bashText;
            ShellParseResult parse = ShellParser.Parse(text, ShellDialect.Bash);
            int Local(int offset) => toValue[Math.Min(Math.Max(offset - prefix.Length, 0), bashText.Length)];

            if (parse.FirstError is { } error)
            {
                result.Breaks = true;
                result.HasUnbalancedQuote = error.Code is ShellDiagnosticCode.UnterminatedQuote or ShellDiagnosticCode.UnterminatedExpansion;
                result.BreakReason = result.HasUnbalancedQuote
                    ? "its quotes are unbalanced, so the quote swallows the rest of the command (bash: " + error.Message + ")"
                    : "bash rejects it (" + error.Message + ")";
                result.BreakOffset = Local(error.Offset);
                result.References = ScanBashReferences(bashText, toValue, references);
                return result;
            }

            ShellSimpleCommand? command = SingleSimpleCommand(parse);
            if (command is null || command.Words.Count < 3 || command.Words[2].Start != "ray start ".Length
                || command.Redirections.Count > 0 || parse.Comments.Count > 0 || parse.HereDocuments.Count > 0)
            {
                result.Breaks = true;
                int foreign = FirstForeignOffset(parse, command ?? parse.SimpleCommands.FirstOrDefault(), prefix.Length, text);
                result.BreakOffset = foreign < 0 ? -1 : Local(foreign);
                result.BreakReason = parse.Comments.FirstOrDefault() is { } comment && comment.Start >= prefix.Length
                    ? "the '#' after a blank starts a comment that swallows the rest of the command"
                    : foreign >= prefix.Length && foreign < text.Length
                        ? "the unquoted '" + text[foreign] + "' is shell syntax that changes the command"
                        : "it changes the structure of the command";
                result.References = references;
                return result;
            }

            var words = new List<string>();
            List<Item>? single = null;
            for (int i = 2; i < command.Words.Count; i++)
            {
                ShellWord word = command.Words[i];
                var items = new List<Item>();
                Flatten(word.Parts, text, quoted: false, items);
                result.HasExpansion |= items.Any(t => t.IsExpansion);
                foreach (List<Item> expanded in BraceExpand(items))
                {
                    if (words.Count < MaxWords)
                    {
                        words.Add(new string(expanded.Select(t => t.Char).ToArray()));
                    }

                    single = expanded;
                }

                CollectBashReferences(word, offset => Local(offset), references);
            }

            result.Words = words.Select(w => w.StartsWith(flag, StringComparison.Ordinal) ? "--" + key + "=" + w.Substring(flag.Length) : w).ToArray();
            if (words.Count == 1 && single is not null && !result.HasExpansion)
            {
                int skip = flag.Length;
                result.Processed = new string(single.Skip(skip).Select(t => t.Char).ToArray());
                result.ProcessedMap = single.Skip(skip).Select(t => Local(t.Offset)).ToArray();
                result.QuoteRemovalChangesIt = result.Processed != value;
            }

            result.References = references.OrderBy(r => r.Start).ToArray();
            return result;
        }

        /// <summary>
        /// What a plain (unquoted, not eval'd) expansion of <c>$KUBERAY_GEN_RAY_START_CMD</c> does to <c>--k=v</c>:
        /// word splitting at blanks only. Quotes and backslashes stay, nothing is expanded, braces are kept.
        /// <see cref="References"/> still lists what bash would see, for RAY0037.
        /// </summary>
        public static ShellValue AnalyzePlain(string key, string value, Func<string, bool> kubeletResolves)
        {
            ShellValue bash = Analyze(key, value, kubeletResolves);
            string flag = "--" + key + "=";
            var words = new List<string>();
            var current = new StringBuilder();
            foreach (char c in flag + value)
            {
                if (c is ' ' or '\t' or '\n')
                {
                    if (current.Length > 0)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }

            var result = new ShellValue
            {
                Words = words,
                References = bash.References,

                // The kubelet still expands $(NAME) of known env vars in the env value: unknown text.
                HasExpansion = bash.References.Any(r => r.IsKubelet && kubeletResolves(r.Name)),
            };
            if (words.Count == 1 && !result.HasExpansion)
            {
                result.Processed = value;
                result.ProcessedMap = Enumerable.Range(0, value.Length).ToArray();
            }

            return result;
        }

        /// <summary>A plain scan for <c>$X</c> / <c>${X…}</c> outside single quotes, for text bash cannot parse.</summary>
        private static IReadOnlyList<ValueReference> ScanBashReferences(string text, int[] toValue, List<ValueReference> kubelet)
        {
            var result = new List<ValueReference>(kubelet);
            bool single = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\' && !single)
                {
                    i++;
                }
                else if (c == '\'')
                {
                    single = !single;
                }
                else if (c == '$' && !single && i + 1 < text.Length && !kubelet.Any(r => r.Start == toValue[i]))
                {
                    bool braced = text[i + 1] == '{';
                    int start = braced ? i + 2 : i + 1, end = start;
                    while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                    {
                        end++;
                    }

                    string name = text.Substring(start, end - start);
                    if (IsIdentifier(name))
                    {
                        string? op = null;
                        int close = end;
                        if (braced)
                        {
                            close = text.IndexOf('}', end);
                            string inner = close < 0 ? text.Substring(end) : text.Substring(end, close - end);
                            op = new[] { ":-", ":=", ":+", ":?", "-", "=", "+", "?" }.FirstOrDefault(o => inner.StartsWith(o, StringComparison.Ordinal)) ?? (inner.Length > 0 ? inner.Substring(0, 1) : null);
                            close = close < 0 ? text.Length : close + 1;
                        }

                        result.Add(new ValueReference(name, toValue[i], toValue[close], isKubelet: false, op));
                        i = close - 1;
                    }
                }
            }

            return result.OrderBy(r => r.Start).ToArray();
        }

        /// <summary>
        /// Kubelet expansion (rules.md §0.3): <c>$$</c> becomes <c>$</c>; <c>$(NAME)</c> of a known env var becomes an
        /// opaque <c>${NAME}</c> (its text is unknown); an unknown one stays for bash. <paramref name="toValue"/> maps
        /// each character of the result (and its end) back to the value.
        /// </summary>
        private static string ApplyKubelet(string value, Func<string, bool> resolves, List<ValueReference> references, out int[] toValue)
        {
            var text = new StringBuilder(value.Length);
            var map = new List<int>(value.Length + 1);
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
                {
                    text.Append('$');
                    map.Add(i);
                    i++;
                    continue;
                }

                int end = value[i] == '$' && i + 1 < value.Length && value[i + 1] == '(' ? value.IndexOf(')', i + 2) : -1;
                string name = end < 0 ? string.Empty : value.Substring(i + 2, end - i - 2);
                if (!IsEnvLikeName(name))
                {
                    text.Append(value[i]);
                    map.Add(i);
                    continue;
                }

                references.Add(new ValueReference(name, i, end + 1, isKubelet: true, @operator: null));
                bool resolved = resolves(name);
                for (int j = i; j <= end; j++)
                {
                    text.Append(resolved && j == i + 1 ? '{' : resolved && j == end ? '}' : value[j]);
                    map.Add(j);
                }

                i = end;
            }

            map.Add(value.Length);
            toValue = map.ToArray();
            return text.ToString();
        }

        /// <summary><c>[A-Z_][A-Z0-9_]*</c> (rules.md RAY0037).</summary>
        public static bool IsEnvLikeName(string name) =>
            name.Length > 0 && !(name[0] >= '0' && name[0] <= '9') && name.All(c => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');

        private static bool IsSafeKey(string key) =>
            key.Length > 0 && key.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');

        private static ShellSimpleCommand? SingleSimpleCommand(ShellParseResult parse)
        {
            if (parse.Script.Body.Items.Count != 1 || parse.Script.Body.Items[0] is not { Terminator: not ShellTerminator.Ampersand } item
                || item.Command.Pipelines.Count != 1 || item.Command.Pipelines[0].Commands.Count != 1)
            {
                return null;
            }

            return item.Command.Pipelines[0].Commands[0] as ShellSimpleCommand;
        }

        /// <summary>The first value offset that is neither blank nor part of an argument word of <c>ray start</c>.</summary>
        private static int FirstForeignOffset(ShellParseResult parse, ShellSimpleCommand? command, int prefixLength, string text)
        {
            var covered = new bool[text.Length];
            if (command is not null)
            {
                foreach (ShellWord word in command.Words)
                {
                    for (int i = Math.Max(word.Start, 0); i < Math.Min(word.End, text.Length); i++)
                    {
                        covered[i] = true;
                    }
                }
            }

            for (int i = prefixLength; i < text.Length; i++)
            {
                if (!covered[i] && text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
                {
                    return i;
                }
            }

            return parse.Comments.FirstOrDefault() is { } comment ? Math.Max(comment.Start, prefixLength) : -1;
        }

        private static void CollectBashReferences(ShellWord word, Func<int, int> toValue, List<ValueReference> references)
        {
            foreach (ShellNode node in word.DescendantsAndSelf())
            {
                if (node is ShellParameterExpansionPart p && IsIdentifier(p.Name)
                    && !references.Any(r => r.IsKubelet && r.Start == toValue(p.Start)))
                {
                    references.Add(new ValueReference(p.Name, toValue(p.Start), toValue(p.End), isKubelet: false, p.Operator is { Length: > 0 } op ? op : null));
                }
            }

            // Operands of ${X:-…} are evaluated only when X is unset; the user chose them, so they are not searched.
            references.RemoveAll(r => !r.IsKubelet && references.Any(o => !o.IsKubelet && o.HandlesUnset && o.Start < r.Start && r.End <= o.End));
        }

        private static bool IsIdentifier(string name) =>
            name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

        /// <summary>One character of a word after quote removal, with whether brace expansion may use it.</summary>
        private readonly struct Item
        {
            public Item(char c, int offset, bool quoted, bool isExpansion)
            {
                Char = c;
                Offset = offset;
                Quoted = quoted;
                IsExpansion = isExpansion;
            }

            public char Char { get; }

            public int Offset { get; }

            public bool Quoted { get; }

            public bool IsExpansion { get; }

            public bool Is(char c) => Char == c && !Quoted && !IsExpansion;
        }

        private static void Flatten(IEnumerable<ShellWordPart> parts, string text, bool quoted, List<Item> items)
        {
            foreach (ShellWordPart part in parts)
            {
                switch (part)
                {
                    case ShellLiteralPart literal:
                        for (int i = literal.Start; i < literal.End && i < text.Length; i++)
                        {
                            char c = text[i];
                            if (c == '\\' && i + 1 < literal.End && (text[i + 1] == '\n' || (quoted && text[i + 1] is '$' or '`' or '"' or '\\')))
                            {
                                if (text[i + 1] != '\n')
                                {
                                    items.Add(new Item(text[i + 1], i + 1, quoted: true, isExpansion: false));
                                }

                                i++;
                                continue;
                            }

                            items.Add(new Item(c, i, quoted, isExpansion: false));
                        }

                        break;
                    case ShellEscapedPart escaped:
                        foreach (char c in escaped.Value)
                        {
                            items.Add(new Item(c, escaped.Start + 1, quoted: true, isExpansion: false));
                        }

                        break;
                    case ShellSingleQuotedPart single:
                        for (int i = 0; i < single.Value.Length; i++)
                        {
                            items.Add(new Item(single.Value[i], single.Start + 1 + i, quoted: true, isExpansion: false));
                        }

                        break;
                    case ShellAnsiCQuotedPart ansi:
                        foreach (char c in ansi.Value)
                        {
                            items.Add(new Item(c, ansi.Start, quoted: true, isExpansion: false));
                        }

                        break;
                    case ShellDoubleQuotedPart dq:
                        Flatten(dq.Parts, text, quoted: true, items);
                        break;
                    default:
                        for (int i = part.Start; i < part.End && i < text.Length; i++)
                        {
                            items.Add(new Item(text[i], i, quoted: true, isExpansion: true));
                        }

                        break;
                }
            }
        }

        /// <summary>bash brace expansion (before quote removal; only unquoted braces and commas count).</summary>
        private static IEnumerable<List<Item>> BraceExpand(List<Item> word)
        {
            var results = new List<List<Item>>();
            Expand(word, 0, results);
            return results;
        }

        private static void Expand(List<Item> word, int from, List<List<Item>> results)
        {
            if (results.Count >= MaxWords)
            {
                return;
            }

            for (int open = from; open < word.Count; open++)
            {
                if (!word[open].Is('{') || (open > 0 && word[open - 1].Is('$')))
                {
                    continue;
                }

                int depth = 0;
                var commas = new List<int>();
                int close = -1;
                for (int i = open + 1; i < word.Count && close < 0; i++)
                {
                    if (word[i].Is('{'))
                    {
                        depth++;
                    }
                    else if (word[i].Is('}'))
                    {
                        if (depth == 0)
                        {
                            close = i;
                        }
                        else
                        {
                            depth--;
                        }
                    }
                    else if (depth == 0 && word[i].Is(','))
                    {
                        commas.Add(i);
                    }
                }

                if (close < 0)
                {
                    continue;
                }

                List<List<Item>> alternatives;
                if (commas.Count > 0)
                {
                    alternatives = new List<List<Item>>();
                    int start = open + 1;
                    foreach (int comma in commas.Concat(new[] { close }))
                    {
                        alternatives.Add(word.GetRange(start, comma - start));
                        start = comma + 1;
                    }
                }
                else if (Sequence(word.GetRange(open + 1, close - open - 1), word[open].Offset) is { } sequence)
                {
                    alternatives = sequence;
                }
                else
                {
                    continue;
                }

                List<Item> preamble = word.GetRange(0, open), postscript = word.GetRange(close + 1, word.Count - close - 1);
                foreach (List<Item> alternative in alternatives)
                {
                    var expanded = new List<Item>(preamble.Count + alternative.Count + postscript.Count);
                    expanded.AddRange(preamble);
                    expanded.AddRange(alternative);
                    expanded.AddRange(postscript);

                    // The alternative's own braces are expanded too; the preamble has none left to expand.
                    Expand(expanded, preamble.Count, results);
                }

                return;
            }

            results.Add(word);
        }

        /// <summary><c>{1..3}</c>, <c>{a..c}</c>, <c>{1..9..2}</c>: the items, or <c>null</c> when it is not a sequence expression.</summary>
        private static List<List<Item>>? Sequence(List<Item> inner, int offset)
        {
            if (inner.Any(t => t.Quoted || t.IsExpansion))
            {
                return null;
            }

            string[] parts = new string(inner.Select(t => t.Char).ToArray()).Split(new[] { ".." }, StringSplitOptions.None);
            if (parts.Length is < 2 or > 3 || (parts.Length == 3 && !int.TryParse(parts[2], out _)))
            {
                return null;
            }

            var values = new List<string>();
            if (int.TryParse(parts[0], out int a) && int.TryParse(parts[1], out int b))
            {
                int step = Math.Max(Math.Abs(parts.Length == 3 ? int.Parse(parts[2]) : 1), 1);
                for (long v = a; (a <= b ? v <= b : v >= b) && values.Count < MaxWords; v += a <= b ? step : -step)
                {
                    values.Add(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else if (parts[0].Length == 1 && parts[1].Length == 1 && char.IsLetter(parts[0][0]) && char.IsLetter(parts[1][0]))
            {
                char x = parts[0][0], y = parts[1][0];
                for (int v = x; (x <= y ? v <= y : v >= y) && values.Count < MaxWords; v += x <= y ? 1 : -1)
                {
                    values.Add(((char)v).ToString());
                }
            }
            else
            {
                return null;
            }

            return values.Select(v => v.Select(c => new Item(c, offset, quoted: true, isExpansion: false)).ToList()).ToList();
        }

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Breaks ? "breaks: " + BreakReason : string.Join(" | ", Words));
            return sb.ToString();
        }
    }
}
