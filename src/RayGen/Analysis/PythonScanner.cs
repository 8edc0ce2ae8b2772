using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace RayGen.Analysis
{
    /// <summary>A Ray call found in Python source.</summary>
    internal readonly struct PythonRayCall
    {
        public PythonRayCall(int offset, string name)
        {
            Offset = offset;
            Name = name;
        }

        /// <summary>Offset of the name (<c>ray.init</c>) in the source.</summary>
        public int Offset { get; }

        public string Name { get; }
    }

    /// <summary>A Python <c>while</c>/<c>for</c> loop that waits for Ray (§0.7 "readiness loop").</summary>
    internal readonly struct PythonReadinessLoop
    {
        public PythonReadinessLoop(int keywordOffset, string keyword, int bodyEnd, bool bounded, CheckTarget targets, bool inUncalledFunction)
        {
            KeywordOffset = keywordOffset;
            Keyword = keyword;
            BodyEnd = bodyEnd;
            Bounded = bounded;
            Targets = targets;
            InUncalledFunction = inUncalledFunction;
        }

        public int KeywordOffset { get; }

        public string Keyword { get; }

        /// <summary>Offset just past the loop's last body line.</summary>
        public int BodyEnd { get; }

        public bool Bounded { get; }

        /// <summary>Where the loop's checks send their requests (<see cref="PythonScanner"/> "targets").</summary>
        public CheckTarget Targets { get; }

        /// <summary>The loop sits in a <c>def</c> that nothing in the code calls: it never runs.</summary>
        public bool InUncalledFunction { get; }

        public bool Contains(int offset) => offset >= KeywordOffset && offset < BodyEnd;
    }

    /// <summary>What <see cref="PythonScanner.Scan"/> found.</summary>
    internal sealed class PythonScan
    {
        public PythonScan(IReadOnlyList<PythonRayCall> calls, IReadOnlyList<PythonReadinessLoop> loops, bool hasHealthProbe, CheckTarget targets)
        {
            Calls = calls;
            Loops = loops;
            HasHealthProbe = hasHealthProbe;
            Targets = targets;
        }

        /// <summary>Every <c>ray.init(</c>, <c>serve.run(</c> and <c>JobSubmissionClient(</c>, in source order.</summary>
        public IReadOnlyList<PythonRayCall> Calls { get; }

        public IReadOnlyList<PythonReadinessLoop> Loops { get; }

        /// <summary>An HTTP request (<c>urllib</c>/<c>requests</c>) to a Ray health endpoint: the code is a readiness check.</summary>
        public bool HasHealthProbe { get; }

        /// <summary>Where the code's Ray calls and health probes send their requests (<see cref="CheckTarget.None"/> when it has none).</summary>
        public CheckTarget Targets { get; }
    }

    /// <summary>
    /// A textual search of Python source (rules.md §0.7 allows it for Python; shell text always goes through
    /// the shell parser). Comments are dropped line by line; calls are found by name; loops by indentation:
    /// a <c>while</c>/<c>for</c> whose body retries a Ray call inside <c>try</c>, or probes a health endpoint,
    /// is a readiness loop. A <c>for</c> loop, or one that compares a counter or a clock and leaves, is bounded.
    /// Targets are placed as <see cref="RayCommands.TargetOf"/> places shell checks: a call's address
    /// (<c>ray.init(address=…)</c> or its first operand, <c>JobSubmissionClient</c>'s first operand) is local for
    /// <c>localhost</c>/<c>127.0.0.1</c> and remote for any other literal; without one (or with <c>"auto"</c>) the call
    /// goes where <c>RAY_ADDRESS</c> points, and so does <c>serve.run(</c>; an address built at run time cannot be
    /// placed. A health probe goes where its URL points.
    /// </summary>
    internal static class PythonScanner
    {
        private const int MaxCallLines = 8;

        private static readonly Regex Call = new(@"\b(?<name>ray\.init|serve\.run|JobSubmissionClient)\s*\(", RegexOptions.CultureInvariant);
        private static readonly Regex LoopHeader = new(@"^(?<indent>[ \t]*)(?<kw>while|for)\b(?<head>.*):\s*(?<inline>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex Comparison = new(@"(<=?|>=?)", RegexOptions.CultureInvariant);
        private static readonly Regex Leave = new(@"\b(raise|break|return|sys\.exit|exit|os\._exit)\b", RegexOptions.CultureInvariant);
        private static readonly Regex HttpClient = new(@"\b(urllib|requests|urlopen|http\.client|httpx)\b", RegexOptions.CultureInvariant);
        private static readonly Regex Definition = new(@"^[ \t]*(async[ \t]+)?def[ \t]+(?<name>[A-Za-z_]\w*)", RegexOptions.CultureInvariant);
        private static readonly Regex KeywordArgument = new(@"^\s*(?<name>[A-Za-z_]\w*)\s*=(?!=)", RegexOptions.CultureInvariant);
        private static readonly Regex StringLiteral = new(@"^[rRuU]?(?<q>['""])(?<value>[^'""]*)\k<q>$", RegexOptions.CultureInvariant);
        private static readonly Regex HealthString = new(@"(?<prefix>[A-Za-z]?)(?<q>['""])(?<url>[^'""]*/api/(gcs_healthz|local_raylet_healthz|healthz)[^'""]*)\k<q>", RegexOptions.CultureInvariant);
        private static readonly Regex LiteralHost = new(@"^[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9_.-]+(:[0-9]+)?/", RegexOptions.CultureInvariant);

        public static PythonScan Scan(string source)
        {
            List<Line> lines = Lines(source);
            string code = string.Join("\n", lines.Select(l => l.Code));
            string bare = string.Join("\n", lines.Select(l => l.Bare));
            var calls = new List<PythonRayCall>();
            var callTargets = new List<CheckTarget>();
            for (int i = 0; i < lines.Count; i++)
            {
                foreach (Match m in Call.Matches(lines[i].Bare))
                {
                    calls.Add(new PythonRayCall(lines[i].Start + m.Groups["name"].Index, m.Groups["name"].Value));
                    callTargets.Add(CallTarget(lines, i, m));
                }
            }

            bool probe = HttpClient.IsMatch(bare) && RayCommands.IsHealthUrl(code);
            CheckTarget targets = callTargets.Aggregate(CheckTarget.None, (all, t) => all | t) | (probe ? ProbeTargets(lines) : CheckTarget.None);
            var loops = new List<PythonReadinessLoop>();
            for (int i = 0; i < lines.Count; i++)
            {
                Match header = LoopHeader.Match(lines[i].Bare);
                if (!header.Success)
                {
                    continue;
                }

                int indent = header.Groups["indent"].Length;
                int last = i;
                var body = new List<Line>();
                if (header.Groups["inline"].Value.Trim().Length > 0)
                {
                    body.Add(lines[i]);
                }

                for (int j = i + 1; j < lines.Count; j++)
                {
                    if (lines[j].Bare.Trim().Length == 0)
                    {
                        continue;
                    }

                    if (Indent(lines[j].Bare) <= indent)
                    {
                        break;
                    }

                    body.Add(lines[j]);
                    last = j;
                }

                string bodyBare = string.Join("\n", body.Select(l => l.Bare));
                string bodyText = string.Join("\n", body.Select(l => l.Code));
                bool retries = Call.IsMatch(bodyBare) && Regex.IsMatch(bodyBare, @"\btry\s*:");
                bool probes = HttpClient.IsMatch(bodyBare) && RayCommands.IsHealthUrl(bodyText);
                if (!retries && !probes)
                {
                    continue;
                }

                string keyword = header.Groups["kw"].Value;
                bool bounded = keyword == "for"
                    || Comparison.IsMatch(header.Groups["head"].Value)
                    || body.Any(l => Regex.IsMatch(l.Bare, @"^\s*if\b") && Comparison.IsMatch(l.Bare) && (Leave.IsMatch(l.Bare) || NextLeaves(body, l)));
                int keywordOffset = lines[i].Start + header.Groups["kw"].Index;
                int bodyEnd = lines[last].Start + lines[last].Code.Length;
                CheckTarget loopTargets = probes ? ProbeTargets(body) : CheckTarget.None;
                for (int c = 0; c < calls.Count; c++)
                {
                    if (calls[c].Offset >= keywordOffset && calls[c].Offset < bodyEnd)
                    {
                        loopTargets |= callTargets[c];
                    }
                }

                loops.Add(new PythonReadinessLoop(keywordOffset, keyword, bodyEnd, bounded, loopTargets, InUncalledFunction(lines, i, indent, bare)));
            }

            return new PythonScan(calls, loops, probe, targets);
        }

        /// <summary>The target of the call <paramref name="call"/> on line <paramref name="index"/>: its address argument, read up to the closing parenthesis.</summary>
        private static CheckTarget CallTarget(List<Line> lines, int index, Match call)
        {
            if (call.Groups["name"].Value == "serve.run")
            {
                return CheckTarget.RayAddress; // connects like ray.init()
            }

            // The arguments, split at top-level commas; nesting is read on the bare text (strings blanked).
            var arguments = new List<(string Bare, string Code)>();
            var argBare = new StringBuilder();
            var argCode = new StringBuilder();
            int depth = 1;
            int at = call.Index + call.Length;
            for (int i = index; i < lines.Count && i < index + MaxCallLines && depth > 0; i++, at = 0)
            {
                string lineBare = lines[i].Bare, lineCode = lines[i].Code;
                for (; at < lineBare.Length && depth > 0; at++)
                {
                    char c = lineBare[at];
                    depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
                    if (depth == 0 || (depth == 1 && c == ','))
                    {
                        arguments.Add((argBare.ToString(), argCode.ToString()));
                        argBare.Clear();
                        argCode.Clear();
                        continue;
                    }

                    argBare.Append(c);
                    argCode.Append(at < lineCode.Length ? lineCode[at] : c);
                }

                argBare.Append(' ');
                argCode.Append(' ');
            }

            string? address = null;
            for (int k = 0; k < arguments.Count; k++)
            {
                Match keyword = KeywordArgument.Match(arguments[k].Bare);
                if (keyword.Success)
                {
                    address = keyword.Groups["name"].Value == "address" ? arguments[k].Code.Substring(keyword.Length).Trim() : address;
                }
                else if (k == 0)
                {
                    address = arguments[k].Code.Trim();
                }
            }

            return AddressTarget(address);
        }

        private static CheckTarget AddressTarget(string? address)
        {
            if (address is null or "" or "None")
            {
                return CheckTarget.RayAddress;
            }

            Match literal = StringLiteral.Match(address);
            if (!literal.Success)
            {
                return RayCommands.IsLocalAddress(address) ? CheckTarget.Local
                    : address.IndexOf("RAY_ADDRESS", StringComparison.Ordinal) >= 0 ? CheckTarget.RayAddress
                    : CheckTarget.Unknown;
            }

            string value = literal.Groups["value"].Value;
            return value is "" or "auto" ? CheckTarget.RayAddress
                : value == "local" || RayCommands.IsLocalAddress(value) ? CheckTarget.Local
                : CheckTarget.Remote;
        }

        /// <summary>Where the health URLs on <paramref name="lines"/> point; a URL built at run time (an f-string, a host in a variable) cannot be placed.</summary>
        private static CheckTarget ProbeTargets(IEnumerable<Line> lines)
        {
            var targets = CheckTarget.None;
            foreach (Line line in lines.Where(l => RayCommands.IsHealthUrl(l.Code)))
            {
                MatchCollection urls = HealthString.Matches(line.Code);
                if (urls.Count == 0)
                {
                    targets |= CheckTarget.Unknown;
                }

                foreach (Match url in urls)
                {
                    string value = url.Groups["url"].Value;
                    bool formatted = url.Groups["prefix"].Value is "f" or "F";
                    targets |= RayCommands.IsLocalAddress(value) ? CheckTarget.Local
                        : !formatted && LiteralHost.IsMatch(value) ? CheckTarget.Remote
                        : CheckTarget.Unknown;
                }
            }

            return targets;
        }

        /// <summary>True when a <c>def</c> around line <paramref name="index"/> is never called in <paramref name="bare"/> (the code with strings blanked).</summary>
        private static bool InUncalledFunction(List<Line> lines, int index, int indent, string bare)
        {
            int current = indent;
            for (int j = index - 1; j >= 0 && current > 0; j--)
            {
                string line = lines[j].Bare;
                if (line.Trim().Length == 0 || Indent(line) >= current)
                {
                    continue;
                }

                current = Indent(line);
                Match definition = Definition.Match(line);
                if (definition.Success && !Regex.IsMatch(bare, @"(?<!\bdef\s+)\b" + Regex.Escape(definition.Groups["name"].Value) + @"\s*\(", RegexOptions.CultureInvariant))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NextLeaves(List<Line> body, Line line)
        {
            int index = body.IndexOf(line);
            return index >= 0 && index + 1 < body.Count && Indent(body[index + 1].Bare) > Indent(line.Bare) && Leave.IsMatch(body[index + 1].Bare);
        }

        private static int Indent(string line)
        {
            int n = 0;
            while (n < line.Length && (line[n] == ' ' || line[n] == '\t'))
            {
                n++;
            }

            return n;
        }

        /// <summary>
        /// Physical lines of <paramref name="source"/> with comments removed (<see cref="Line.Code"/>) and, in
        /// <see cref="Line.Bare"/>, string contents blanked too, so that a call named in a string or a docstring
        /// is not a call. Both keep every offset. A <c>;</c>-joined one-liner is one line.
        /// </summary>
        private static List<Line> Lines(string source)
        {
            char[] code = source.ToCharArray();
            char[] bare = source.ToCharArray();
            int i = 0;
            while (i < source.Length)
            {
                char c = source[i];
                if (c == '#')
                {
                    while (i < source.Length && source[i] != '\n')
                    {
                        code[i] = bare[i] = ' ';
                        i++;
                    }

                    continue;
                }

                if (c != '\'' && c != '"')
                {
                    i++;
                    continue;
                }

                bool triple = i + 2 < source.Length && source[i + 1] == c && source[i + 2] == c;
                int open = triple ? 3 : 1;
                int j = i + open;
                while (j < source.Length)
                {
                    if (source[j] == '\\')
                    {
                        j += 2;
                        continue;
                    }

                    if (!triple && source[j] == '\n')
                    {
                        break; // unterminated one-line string
                    }

                    if (source[j] == c && (!triple || (j + 2 < source.Length && source[j + 1] == c && source[j + 2] == c)))
                    {
                        break;
                    }

                    j++;
                }

                for (int k = i + open; k < Math.Min(j, source.Length); k++)
                {
                    if (bare[k] != '\n')
                    {
                        bare[k] = ' ';
                    }
                }

                i = Math.Min(source.Length, j + (j < source.Length && source[j] == c ? open : 0));
            }

            var result = new List<Line>();
            int start = 0;
            while (start <= source.Length)
            {
                int end = source.IndexOf('\n', start);
                if (end < 0)
                {
                    end = source.Length;
                }

                result.Add(new Line(start, new string(code, start, end - start).TrimEnd('\r'), new string(bare, start, end - start).TrimEnd('\r')));
                start = end + 1;
            }

            return result;
        }

        private readonly struct Line
        {
            public Line(int start, string code, string bare)
            {
                Start = start;
                Code = code;
                Bare = bare;
            }

            public int Start { get; }

            /// <summary>The line without its comment.</summary>
            public string Code { get; }

            /// <summary>The line without its comment and with string contents blanked.</summary>
            public string Bare { get; }
        }
    }
}
