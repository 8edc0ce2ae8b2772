using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Robustness
{
    /// <summary>
    /// A YAML value never becomes code: seeded random strings full of C#, XML-doc and line-break syntax go
    /// into every string the generator emits (names, namespace, path, image, command, args, rayStartParams),
    /// come back exactly at run time, and leave the program with the shape a benign value gives.
    /// </summary>
    public class CodeInjectionTests
    {
        private const int RandomValues = 60;

        private static readonly string[] Fragments =
        {
            "\"", "\\", "\"\"\"", "{", "}", "{0}", "{{", "}}", "\n", "\r\n", "\r", "*/", "/*", "//", "///", "#if DEBUG", "\n#if DEBUG\n", "#endif",
            "#error boom", "\u2028", "\u2029", "\u0085", "\uFEFF", "\0", "$", "$\"", "@\"", "'", "\t", "</summary>", "<c>", "&amp;", "]]>", "<!--",
            "🚀", "中文", "é", "\u007F", "\u001B", ";", "\" + System.Environment.Exit(1) + \"", "u8", "\\u0022", "\\\"", "`", "\"\"\"\"", "\uFFFF",
        };

        // The fixed cases of the former example test, then seeded random ones.
        internal static readonly string[] FixedValues =
        {
            "\"\"\" */ #if DEBUG {0} \\\" \\\\ $(date)",
            "line1\nline2\r\n}",
            "sep\u2028para\u2029nel\u0085bom\uFEFFnul\u0000end",
            "emoji 🚀 and 中文 and tab\t",
        };

        [Fact]
        public void YamlStringsRoundTripExactlyAndNeverChangeTheProgramShape()
        {
            var random = new Random(2028);
            string[] values = FixedValues.Concat(Enumerable.Range(0, RandomValues).Select(_ => RandomValue(random))).ToArray();

            GeneratorRun hostile = Run(values);
            GeneratorRun benign = Run(values.Select(Benign).ToArray());
            Assert.Empty(hostile.CompilationErrors);
            Assert.Empty(benign.CompilationErrors);

            // Run time: every value is exactly what the YAML said.
            IReadOnlyList<RayClusterInfo> clusters = GeneratedAssembly.LoadCatalog(hostile.Output);
            Assert.Equal(values.Length, clusters.Count);
            for (int i = 0; i < values.Length; i++)
            {
                string value = values[i];
                RayClusterInfo cluster = clusters.Single(c => c.Name == $"c{i}-" + value);
                Assert.Equal(value, cluster.Namespace);
                Assert.Equal(RelativePath(i, value), cluster.SourcePath);
                Assert.Equal(value, cluster.Head.ContainerName);
                Assert.Equal(value, cluster.Head.Image);
                Assert.Equal(value, cluster.Head.RayStartParams["p-" + value]);
                Assert.StartsWith($" {value}  {value}  && ulimit", cluster.Head.GetArgs().Single());
                Assert.Contains($" --p-{value}={value} ", cluster.Head.GetRayStartCommand());
                Assert.Equal("g-" + value, cluster.WorkerGroups.Single().GroupName);
            }

            // Shape: the same types and members, and the same tokens and trivia kinds, as benign values.
            Assert.Equal(Members(benign.Output), Members(hostile.Output));
            var benignTrees = benign.Sources.ToDictionary(s => s.HintName, s => Shape(s.SourceText.ToString()));
            Assert.Equal(benignTrees.Keys.OrderBy(k => k, StringComparer.Ordinal), hostile.Sources.Select(s => s.HintName).OrderBy(k => k, StringComparer.Ordinal));
            foreach (GeneratedSourceResult source in hostile.Sources)
            {
                Assert.Equal(benignTrees[source.HintName], Shape(source.SourceText.ToString()));
            }
        }

        private static GeneratorRun Run(string[] values) =>
            GeneratorHarness.Run(values.Select((value, i) => ("/project/" + RelativePath(i, value), Yaml(i, value))));

        // File names may hold anything but '/' and NUL; RayGen reads '\\' as a Windows separator.
        internal static string RelativePath(int index, string value) =>
            $"inject/{index}-{value.Replace('/', '_').Replace('\\', '_').Replace('\0', '_')}.yaml";

        internal static string Yaml(int index, string value)
        {
            string q = YamlText.DoubleQuoted(value);
            string container = $"command: [{q}]\nargs: [{q}]\n";
            string head = Group(container, rayStartParams: $"{{{YamlText.DoubleQuoted("p-" + value)}: {q}}}").Replace("- name: ray\n      image: rayproject/ray:2.52.0", $"- name: {q}\n      image: {q}");
            string name = YamlText.DoubleQuoted($"c{index}-" + value);
            return RayCluster(name, head, Worker(YamlText.DoubleQuoted("g-" + value), Group("")), metadataExtra: "namespace: " + q);
        }

        /// <summary>Same C# identifiers as <paramref name="value"/> (names keep only ASCII letters and digits), nothing special.</summary>
        private static string Benign(string value) =>
            string.Concat(value.Select(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '-'));

        internal static string RandomValue(Random random)
        {
            var parts = new List<string>();
            for (int n = random.Next(1, 7); n > 0; n--)
            {
                parts.Add(random.Next(4) == 0 ? ((char)('a' + random.Next(26))).ToString() : Fragments[random.Next(Fragments.Length)]);
            }

            return string.Concat(parts);
        }

        private static string[] Members(Compilation compilation) =>
            GeneratedAssembly.Load(compilation).GetTypes()
                .SelectMany(t => new[] { "type " + t.FullName }.Concat(
                    t.GetMembers(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
                        .Select(m => t.FullName + " " + m.MemberType + " " + m)))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();

        /// <summary>
        /// Token kinds with their trivia kinds (a doc comment counts as one trivia), after a parse that
        /// reports malformed XML doc comments, which must not occur.
        /// </summary>
        private static string[] Shape(string source)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose));
            Assert.Empty(tree.GetDiagnostics());
            return tree.GetRoot().DescendantTokens()
                .Select(t => string.Join(" ", t.LeadingTrivia.Select(x => x.Kind()).Where(k => k != SyntaxKind.WhitespaceTrivia))
                             + " " + t.Kind() + " " + string.Join(" ", t.TrailingTrivia.Select(x => x.Kind()).Where(k => k != SyntaxKind.WhitespaceTrivia)))
                .ToArray();
        }
    }
}
