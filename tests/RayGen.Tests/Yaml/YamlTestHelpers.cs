using RayGen.Yaml;
using Xunit;

namespace RayGen.Tests.Yaml
{
    internal static class YamlTestHelpers
    {
        /// <summary>Reads a single document and asserts it has no problems.</summary>
        public static YamlNode Root(string text)
        {
            YamlReadResult result = YamlReader.Read(text);
            Assert.Empty(result.Problems);
            YamlDocument document = Assert.Single(result.Documents);
            Assert.NotNull(document.Root);
            return document.Root!;
        }

        public static YamlNode At(this YamlNode node, params object[] path)
        {
            foreach (object step in path)
            {
                node = step is int index ? node.Items[index] : node.Get((string)step) ?? throw new Xunit.Sdk.XunitException($"missing key '{step}'");
            }

            return node;
        }

        /// <summary>Asserts 0-based (line, column) of both ends.</summary>
        public static void AssertPosition(SourceSpan span, int startLine, int startColumn, int endLine, int endColumn) =>
            Assert.Equal((startLine, startColumn, endLine, endColumn), (span.StartLine, span.StartColumn, span.EndLine, span.EndColumn));
    }
}
