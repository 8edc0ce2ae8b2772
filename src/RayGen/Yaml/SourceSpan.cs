namespace RayGen.Yaml
{
    /// <summary>
    /// A text range in a YAML file: char offsets (UTF-16 units, End exclusive) plus 0-based line/column
    /// positions. A value type so pipeline models that hold it stay cache-friendly.
    /// </summary>
    internal readonly record struct SourceSpan(int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        public static SourceSpan Empty { get; } = default;

        public int Length => End - Start;
    }
}
