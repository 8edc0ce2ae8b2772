using System;
using System.Collections.Generic;
using System.Linq;
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
        public PythonReadinessLoop(int keywordOffset, string keyword, int bodyEnd, bool bounded)
        {
            KeywordOffset = keywordOffset;
            Keyword = keyword;
            BodyEnd = bodyEnd;
            Bounded = bounded;
        }

        public int KeywordOffset { get; }

        public string Keyword { get; }

        /// <summary>Offset just past the loop's last body line.</summary>
        public int BodyEnd { get; }

        public bool Bounded { get; }

        public bool Contains(int offset) => offset >= KeywordOffset && offset < BodyEnd;
    }

    /// <summary>What <see cref="PythonScanner.Scan"/> found.</summary>
    internal sealed class PythonScan
    {
        public PythonScan(IReadOnlyList<PythonRayCall> calls, IReadOnlyList<PythonReadinessLoop> loops, bool hasHealthProbe)
        {
            Calls = calls;
            Loops = loops;
            HasHealthProbe = hasHealthProbe;
        }

        /// <summary>Every <c>ray.init(</c>, <c>serve.run(</c> and <c>JobSubmissionClient(</c>, in source order.</summary>
        public IReadOnlyList<PythonRayCall> Calls { get; }

        public IReadOnlyList<PythonReadinessLoop> Loops { get; }

        /// <summary>An HTTP request (<c>urllib</c>/<c>requests</c>) to a Ray health endpoint: the code is a readiness check.</summary>
        public bool HasHealthProbe { get; }
    }

    /// <summary>
    /// A textual search of Python source (rules.md §0.7 allows it for Python; shell text always goes through
    /// the shell parser). Comments are dropped line by line; calls are found by name; loops by indentation:
    /// a <c>while</c>/<c>for</c> whose body retries a Ray call inside <c>try</c>, or probes a health endpoint,
    /// is a readiness loop. A <c>for</c> loop, or one that compares a counter or a clock and leaves, is bounded.
    /// </summary>
    internal static class PythonScanner
    {
        private static readonly Regex Call = new(@"\b(?<name>ray\.init|serve\.run|JobSubmissionClient)\s*\(", RegexOptions.CultureInvariant);
        private static readonly Regex LoopHeader = new(@"^(?<indent>[ \t]*)(?<kw>while|for)\b(?<head>.*):\s*(?<inline>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex Comparison = new(@"(<=?|>=?)", RegexOptions.CultureInvariant);
        private static readonly Regex Leave = new(@"\b(raise|break|return|sys\.exit|exit|os\._exit)\b", RegexOptions.CultureInvariant);
        private static readonly Regex HttpClient = new(@"\b(urllib|requests|urlopen|http\.client|httpx)\b", RegexOptions.CultureInvariant);

        public static PythonScan Scan(string source)
        {
            List<Line> lines = Lines(source);
            string code = string.Join("\n", lines.Select(l => l.Code));
            var calls = new List<PythonRayCall>();
            foreach (Line line in lines)
            {
                foreach (Match m in Call.Matches(line.Bare))
                {
                    calls.Add(new PythonRayCall(line.Start + m.Groups["name"].Index, m.Groups["name"].Value));
                }
            }

            bool probe = HttpClient.IsMatch(string.Join("\n", lines.Select(l => l.Bare))) && RayCommands.IsHealthUrl(code);
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
                loops.Add(new PythonReadinessLoop(lines[i].Start + header.Groups["kw"].Index, keyword, lines[last].Start + lines[last].Code.Length, bounded));
            }

            return new PythonScan(calls, loops, probe);
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
