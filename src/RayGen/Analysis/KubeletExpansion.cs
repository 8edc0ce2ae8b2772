using System;
using System.Collections.Generic;
using System.Text;

namespace RayGen.Analysis
{
    /// <summary>
    /// rules.md §0.3 "Kubelet expansion" of a container's <c>command</c>/<c>args</c> element, done before any
    /// shell sees it: <c>$(NAME)</c> of an env var of the container is replaced, an unknown <c>$(NAME)</c>
    /// stays (bash then runs it as a command substitution), and <c>$$</c> becomes <c>$</c>. Keeps a map from
    /// every output character back to the input text, so findings still point at the YAML.
    /// </summary>
    internal sealed class KubeletExpansion
    {
        /// <summary>What a resolved reference becomes when the caller has no better value: one opaque word.</summary>
        public const string OpaqueWord = "KUBELET_VALUE";

        private readonly int[] _starts;
        private readonly int[] _ends;

        private KubeletExpansion(string text, int[] starts, int[] ends)
        {
            Text = text;
            _starts = starts;
            _ends = ends;
        }

        /// <summary>The text as the shell receives it.</summary>
        public string Text { get; }

        /// <summary>
        /// Expands <paramref name="input"/>. <paramref name="resolve"/> returns the replacement of <c>$(NAME)</c>
        /// for a name the container defines (its value, or <see cref="OpaqueWord"/>), and null for an unknown name.
        /// </summary>
        public static KubeletExpansion Expand(string input, Func<string, string?> resolve)
        {
            var text = new StringBuilder(input.Length);
            var starts = new List<int>(input.Length + 1);
            var ends = new List<int>(input.Length + 1);

            void Emit(string value, int from, int to)
            {
                foreach (char c in value)
                {
                    text.Append(c);
                    starts.Add(from);
                    ends.Add(to);
                }
            }

            for (int i = 0; i < input.Length; i++)
            {
                if (input[i] == '$' && i + 1 < input.Length)
                {
                    if (input[i + 1] == '$')
                    {
                        Emit("$", i, i + 2);
                        i++;
                        continue;
                    }

                    if (input[i + 1] == '(')
                    {
                        int close = input.IndexOf(')', i + 2);
                        if (close > i + 2 && resolve(input.Substring(i + 2, close - i - 2)) is { } value)
                        {
                            Emit(value, i, close + 1);
                            i = close;
                            continue;
                        }
                    }
                }

                Emit(input[i].ToString(), i, i + 1);
            }

            starts.Add(input.Length);
            ends.Add(input.Length);
            return new KubeletExpansion(text.ToString(), starts.ToArray(), ends.ToArray());
        }

        /// <summary>The input range that produced output characters [start, end).</summary>
        public (int Start, int End) ToSource(int start, int end)
        {
            start = Math.Min(Math.Max(start, 0), Text.Length);
            end = Math.Min(Math.Max(end, start), Text.Length);
            int from = _starts[start];
            int to = end > start ? _ends[end - 1] : from;
            return (from, Math.Max(to, from));
        }
    }
}
