using System;
using System.Linq;
using System.Text;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    /// <summary>Random command/args built from shell fragments, in every mode: the rules never throw (no AD0001, no RAY0199).</summary>
    public class OverwriteFuzzTests
    {
        private static readonly string[] Fragments =
        {
            "ray start --head", "--block", "ray", "start", "$KUBERAY_GEN_RAY_START_CMD", "${KUBERAY_GEN_RAY_START_CMD}", "eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"",
            "$(KUBERAY_GEN_RAY_START_CMD)", "$$", "$(", ")", "ulimit -n 65536", ";", "&", "&&", "||", "|", "(", "{", "}", "'", "\\\"", "#", "<<EOF", "EOF",
            "bash -c", "sh -lc", "exec", "nohup", "timeout 10", "env A=b", "sleep infinity", "tail -f /dev/null", "wait", "while true; do", "until ray health-check; do",
            "done", "if true; then", "fi", "case x in x)", ";;", "esac", "f() {", "exit", "conda activate x", "source x", "jupyter lab", "`", "$((1+", "\\\\", "\\n",
        };

        private static readonly string[] Shapes =
        {
            "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"{0}\"]",
            "command: [\"{0}\"]\nargs: [\"{1}\"]",
            "args: [\"{0}\", \"{1}\"]",
            "command: [\"{0}\", \"{1}\", \"{2}\"]",
            "command: [\"sh\", \"-c\", \"{0}\", \"{1}\"]",
        };

        [Fact]
        public void RandomInputNeverCrashes()
        {
            var random = new Random(4242);
            for (int i = 0; i < 120; i++)
            {
                string Text()
                {
                    var sb = new StringBuilder();
                    int n = random.Next(1, 8);
                    for (int k = 0; k < n; k++)
                    {
                        sb.Append(Fragments[random.Next(Fragments.Length)]).Append(random.Next(3) == 0 ? string.Empty : " ");
                    }

                    return sb.ToString();
                }

                string container = string.Format(Shapes[random.Next(Shapes.Length)], Text(), Text(), Text());
                string annotation = random.Next(3) switch
                {
                    0 => "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n",
                    1 => "annotations:\n  ray.io/overwrite-container-cmd: yes\n",
                    _ => null!,
                };
                string yaml = RayCluster("c", Group(container, rayStartParams: random.Next(2) == 0 ? "{}" : "\n  resources: '\"{\\\"a\\\": 1}\"'"),
                    Worker("w", Group(container)), metadataExtra: annotation);
                var diagnostics = GeneratorHarness.Analyze(yaml);
                Assert.True(!diagnostics.Any(d => d.Id is "AD0001" or "RAY0199"),
                    yaml + "\n" + string.Join("\n", diagnostics.Where(d => d.Id is "AD0001" or "RAY0199").Select(GeneratorHarness.Format)));
            }
        }
    }
}
