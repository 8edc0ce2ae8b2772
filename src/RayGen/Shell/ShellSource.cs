namespace RayGen.Shell
{
    /// <summary>
    /// Text the lexer reads, with a map back to original input offsets. The input itself maps 1:1; the body of
    /// a backquoted substitution is de-escaped first (<c>\`</c> → <c>`</c>), so it carries an explicit map.
    /// </summary>
    internal sealed class ShellSource
    {
        private readonly int[]? _map;

        public ShellSource(string text)
        {
            Text = text;
        }

        /// <param name="map">Original offset of each character, plus one extra entry for the end.</param>
        public ShellSource(string text, int[] map)
        {
            Text = text;
            _map = map;
        }

        public string Text { get; }

        public int Length => Text.Length;

        public char this[int index] => index >= 0 && index < Text.Length ? Text[index] : '\0';

        public int Original(int index)
        {
            if (_map == null)
            {
                return index;
            }

            return _map[index < 0 ? 0 : index > Text.Length ? Text.Length : index];
        }

        public ShellSpan Span(int start, int end) => new(Original(start), Original(end));
    }
}
