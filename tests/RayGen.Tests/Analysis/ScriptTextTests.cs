using System.Linq;
using RayGen.Analysis;
using RayGen.Model;
using RayGen.Shell;
using RayGen.Yaml;
using Xunit;

namespace RayGen.Tests.Analysis
{
    /// <summary>Mapping script text back to the YAML: literal block scalars line by line, shell words through their quotes.</summary>
    public class ScriptTextTests
    {
        private static (ScriptFile File, YamlNode Node) Scalar(string yaml, string key)
        {
            YamlReadResult read = YamlReader.Read(yaml, YamlBudgets.Default, default);
            var file = new ScriptFile("/x.yaml", yaml, read, new ManifestModel[0]);
            return (file, read.Documents[0].Root!.Get(key)!);
        }

        [Fact]
        public void LiteralBlockMapsEachLine()
        {
            const string yaml = "script: |\n  #!/bin/sh\n\n    indented\n  while true; do\n    sleep 1\n  done\nnext: 1\n";
            var (file, node) = Scalar(yaml, "script");
            var map = new ScalarTextMap(file, node);
            Assert.True(map.IsPrecise);
            int at = node.Value.IndexOf("while", System.StringComparison.Ordinal);
            SourceRef r = map.Locate(at, at + 5);
            Assert.Equal("while", yaml.Substring(r.Span.Start, r.Span.Length));
            Assert.Equal(4, r.Span.StartLine);
            Assert.Equal(2, r.Span.StartColumn);
            int indented = node.Value.IndexOf("indented", System.StringComparison.Ordinal);
            SourceRef i = map.Locate(indented, indented + 8);
            Assert.Equal("indented", yaml.Substring(i.Span.Start, i.Span.Length));
        }

        [Fact]
        public void FoldedBlockFallsBackToTheWholeScalar()
        {
            const string yaml = "script: >\n  echo a\n  echo b\n";
            var (file, node) = Scalar(yaml, "script");
            var map = new ScalarTextMap(file, node);
            Assert.False(map.IsPrecise);
            Assert.Equal(node.Span, map.Locate(0, 4).Span);
        }

        [Theory]
        [InlineData("sh -c 'until ray health-check; do sleep 1; done'", 2, "until")]
        [InlineData("sh -c \"serve \\\"deploy\\\" x\"", 2, "deploy")]
        [InlineData("python -c import\\ ray", 2, "ray")]
        public void WordsDecodeWithOffsets(string script, int wordIndex, string find)
        {
            ShellParseResult parse = ShellParser.Parse(script);
            ShellWord word = parse.SimpleCommands.First().Words[wordIndex];
            Assert.True(ShellWordText.TryDecode(word, script, out string value, out int[] offsets));
            int at = value.IndexOf(find, System.StringComparison.Ordinal);
            Assert.True(at >= 0, value);
            Assert.Equal(find, script.Substring(offsets[at], offsets[at + find.Length - 1] + 1 - offsets[at]));
        }

        [Fact]
        public void WordsWithExpansionsDoNotDecode()
        {
            ShellWord word = ShellParser.Parse("echo \"$HOME/x\"").SimpleCommands.First().Words[1];
            Assert.False(ShellWordText.TryDecode(word, "echo \"$HOME/x\"", out _, out _));
        }

        [Fact]
        public void PathsNormalize()
        {
            Assert.Equal("/home/ray/x.sh", ScriptResolver.Normalize("/home//ray/./samples/../x.sh"));
            Assert.Equal("0755", ScriptResolution.Octal(493));
        }
    }
}
