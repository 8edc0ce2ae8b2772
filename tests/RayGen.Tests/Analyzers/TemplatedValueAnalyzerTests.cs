using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers
{
    public class TemplatedValueAnalyzerTests
    {
        [Fact]
        public void TemplatedImageAndQuantityAreInfoOncePerNode()
        {
            string yaml = RayCluster("c", Group("resources:\n  limits:\n    cpu: {|RAY0190:\"{{ .Values.cpu }}\"|}\n").Replace("image: rayproject/ray:2.52.0", "image: {|RAY0190:$VLLM_IMAGE|}"));
            Assert.All(RuleVerifier.Verify("RAY0190", yaml), d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        }

        [Theory]
        [InlineData("args: [\"echo $HOME; $KUBERAY_GEN_RAY_START_CMD\"]")]
        [InlineData("env:\n- name: ADDR\n  value: $(NODE_IP):8353")]
        public void ShellTextAndEnvValuesAreNotTemplates(string container)
        {
            // RAY0037 rightly says REDIS_PASSWORD is not defined here; RAY0190 must stay silent.
            RuleVerifier.VerifyNone("RAY0190", RayCluster("c", Group(container, rayStartParams: "{redis-password: $REDIS_PASSWORD}")), allowed: "RAY0037");
        }
    }
}
