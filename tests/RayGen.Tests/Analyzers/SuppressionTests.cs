using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers
{
    /// <summary>In-YAML suppression comments and per-path severities (rules.md §0.5).</summary>
    public class SuppressionTests
    {
        private static string Bad(string before = "", string after = "") => RayCluster("c", Group("",
            rayStartParams: "\n" + before + "  num-cpus: 0\n" + after + "  block: true"));

        private static string[] Lines(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics.Select(d => d.Id + "@" + (d.Location.GetLineSpan().StartLinePosition.Line + 1)).ToArray();

        [Fact]
        public void WithoutCommentsBothValuesAreReported()
        {
            Assert.Equal(new[] { "RAY0030@9", "RAY0030@10" }, Lines(GeneratorHarness.Analyze(Bad())));
        }

        [Fact]
        public void DisableNextLineSuppressesOnlyTheNextLine()
        {
            var diagnostics = GeneratorHarness.Analyze(Bad(before: "  # raygen-disable-next-line RAY0030\n"));
            Assert.Equal(new[] { "RAY0030@11" }, Lines(diagnostics));
        }

        [Fact]
        public void DisableNextLineForAnotherRuleDoesNothing()
        {
            Assert.Equal(2, GeneratorHarness.Analyze(Bad(before: "  # raygen-disable-next-line RAY0004, RAY0005\n")).Length);
        }

        [Fact]
        public void DisableEnableBlock()
        {
            string yaml = Bad(before: "  # raygen-disable RAY0030\n", after: "  # raygen-enable RAY0030\n");
            Assert.Equal(new[] { "RAY0030@12" }, Lines(GeneratorHarness.Analyze(yaml)));
        }

        [Fact]
        public void DisableWithoutIdsCoversEveryRuleToTheEnd()
        {
            Assert.Empty(GeneratorHarness.Analyze("# raygen-disable\n" + Bad()));
        }

        [Fact]
        public void DirectiveInsideAScalarIsNotAComment()
        {
            string yaml = Bad(before: "  note: \"# raygen-disable RAY0030\"\n");
            Assert.Equal(2, GeneratorHarness.Analyze(yaml).Count(d => d.Id == "RAY0030"));
        }

        [Theory]
        [InlineData("none", null)]
        [InlineData("warning", DiagnosticSeverity.Warning)]
        [InlineData("suggestion", DiagnosticSeverity.Info)]
        [InlineData("error", DiagnosticSeverity.Error)]
        public void PerPathSeverity(string configured, DiagnosticSeverity? expected)
        {
            var options = new Dictionary<string, Dictionary<string, string>> { ["/project/a.yaml"] = new() { ["raygen.RAY0030.severity"] = configured } };
            var diagnostics = GeneratorHarness.Analyze(new[] { ("/project/a.yaml", Bad()), ("/project/b.yaml", Bad()) }, metadata: options).Where(d => d.Id == "RAY0030").ToArray();
            Assert.All(diagnostics.Where(d => d.Location.GetLineSpan().Path == "/project/b.yaml"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
            var inA = diagnostics.Where(d => d.Location.GetLineSpan().Path == "/project/a.yaml").ToArray();
            if (expected is null)
            {
                Assert.Empty(inA);
            }
            else
            {
                Assert.Equal(2, inA.Length);
                Assert.All(inA, d => Assert.Equal(expected, d.Severity));
            }
        }
    }
}
