using System;
using System.Collections.Generic;

namespace RayGen.Yaml
{
    /// <summary>
    /// Turns char offsets into <see cref="SourceSpan"/>s. Lines are computed here rather than taken from
    /// YamlDotNet marks so they follow Roslyn's line breaks (CR, LF, CRLF, NEL, LS, PS), which is what the
    /// IDE shows for the AdditionalFile.
    /// </summary>
    internal sealed class LineMap
    {
        private readonly int[] _lineStarts;

        private LineMap(int[] lineStarts) => _lineStarts = lineStarts;

        public static LineMap Create(string text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    starts.Add(i + 1);
                }
                else if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    starts.Add(i + 1);
                }
            }

            return new LineMap(starts.ToArray());
        }

        public SourceSpan Span(int start, int end)
        {
            if (end < start)
            {
                end = start;
            }

            int startLine = LineOf(start);
            int endLine = LineOf(end);
            return new SourceSpan(start, end, startLine, start - _lineStarts[startLine], endLine, end - _lineStarts[endLine]);
        }

        private int LineOf(int offset)
        {
            int index = Array.BinarySearch(_lineStarts, offset);
            return index >= 0 ? index : ~index - 1;
        }
    }
}
