using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class MalformedOverwriteAnnotationAnalyzerTests
    {
        private const string Id = "RAY0028";

        private const string Container = "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]";

        private static string WithAnnotation(string annotation) =>
            RayCluster("c", Group(Container), metadataExtra: "annotations:\n  " + annotation + "\n");

        [Theory]
        [InlineData("ray.io/overwrite-container-cmd: {|RAY0028:true|}")]
        [InlineData("ray.io/overwrite-container-cmd: {|RAY0028:yes|}")]
        [InlineData("ray.io/overwrite-container-cmd: {|RAY0028:1|}")]
        public void NonStringIsAnError(string annotation)
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, WithAnnotation(annotation)));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        }

        [Theory]
        [InlineData("ray.io/overwrite-container-cmd: {|RAY0028:\"yes\"|}")]
        [InlineData("ray.io/overwrite-container-cmd: {|RAY0028:\"1\"|}")]
        [InlineData("{|RAY0028:ray.io/overwrite-container-command|}: \"true\"")]
        [InlineData("{|RAY0028:ray.io/overwrite-cmd|}: \"true\"")]
        [InlineData("{|RAY0028:ray.io/overwrite-container-cdm|}: \"true\"")]
        public void MisleadingValuesAndKeysWarn(string annotation)
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, WithAnnotation(annotation)));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        }

        [Fact]
        public void TemplateAnnotationsToo()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(Container, templateMetadata: "annotations:\n  ray.io/overwrite-container-cmd: {|RAY0028:on|}\n")));
        }

        [Fact]
        public void IgnoredBefore110()
        {
            string yaml = WithAnnotation("ray.io/overwrite-container-cmd: \"true\"");
            var d = Assert.Single(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Version("1.0.0")), x => x.Id == Id);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, Version("1.1.0")), x => x.Id == Id);
        }

        [Fact]
        public void RayCronJobMetadataIsNotCopied()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayCronJob\nmetadata:\n  name: cj\n  annotations:\n    ray.io/overwrite-container-cmd: {|RAY0028:\"true\"|}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    entrypoint: python x.py\n    rayClusterSpec:\n      headGroupSpec:\n"
                + Indent(Group(""), 8);
            RuleVerifier.Verify(Id, yaml);
        }

        [Theory]
        [InlineData("ray.io/overwrite-container-cmd: \"true\"")]
        [InlineData("ray.io/overwrite-container-cmd: \"TRUE\"")]
        [InlineData("ray.io/overwrite-container-cmd: 'false'")]
        [InlineData("ray.io/ft-enabled: \"true\"")]
        [InlineData("example.com/overwrite-container-cmd: \"yes\"")]
        public void DoesNotTrigger(string annotation)
        {
            RuleVerifier.VerifyNone(Id, WithAnnotation(annotation), allowed: new[] { "RAY0006", "RAY0027" });
        }
    }
}
