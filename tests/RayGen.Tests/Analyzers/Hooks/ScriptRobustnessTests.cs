using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    /// <summary>Hostile or broken scripts: the script rules never throw and stay fast.</summary>
    public class ScriptRobustnessTests
    {
        private static readonly string[] ScriptIds = { "RAY0008", "RAY0070", "RAY0071", "RAY0072", "RAY0073", "RAY0074" };

        private static void AssertQuiet(string yaml, int maxSeconds = 20)
        {
            var watch = Stopwatch.StartNew();
            var diagnostics = GeneratorHarness.Analyze(yaml);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(maxSeconds), "took " + watch.Elapsed);
            Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "RAY0199");
        }

        [Fact]
        public void FunctionsThatFanOut()
        {
            var script = new StringBuilder();
            for (int i = 0; i < 12; i++)
            {
                script.Append($"f{i}() {{ ").Append(string.Concat(Enumerable.Repeat($"f{i + 1}; ", 20))).Append("}\n");
            }

            script.Append("f12() { serve deploy /x.yaml; }\nf0\n");
            AssertQuiet(Head("lifecycle:\n  postStart:\n    exec:\n      command:\n      - /bin/bash\n      - -c\n      - |\n" + Indent(script.ToString(), 8)));
        }

        [Fact]
        public void ScriptsThatRunEachOtherInACycle()
        {
            string yaml = Head(PostStart("[\"/home/ray/samples/a.sh\"]") + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("a.sh", "/home/ray/samples/b.sh\n/home/ray/samples/b.sh\n"), ("b.sh", "/home/ray/samples/a.sh\n/home/ray/samples/a.sh\nserve deploy /x.yaml\n"));
            AssertQuiet(yaml);
            Assert.Single(GeneratorHarness.Analyze(yaml), d => d.Id == "RAY0070");
        }

        [Fact]
        public void ManyLoopsAndLongBodies()
        {
            var script = new StringBuilder("while true; do\n");
            for (int i = 0; i < 3000; i++)
            {
                script.Append("  echo ").Append(i).Append('\n');
            }

            script.Append("  ray health-check && break\ndone\n");
            for (int i = 0; i < 300; i++)
            {
                script.Append("until ray status; do sleep 1; done\n");
            }

            AssertQuiet(Head("lifecycle:\n  postStart:\n    exec:\n      command:\n      - /bin/bash\n      - -c\n      - |\n" + Indent(script.ToString(), 8)));
        }

        [Theory]
        [InlineData("[\"/bin/sh\", \"-c\", \"until ray health-check; do\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"'unterminated\"]")]
        [InlineData("[\"/bin/sh\", \"-c\"]")]
        [InlineData("[\"python\", \"-c\"]")]
        [InlineData("[\"timeout\"]")]
        [InlineData("[\"\", null, 3, {a: 1}]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"$(( $(serve deploy x) ))\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"python <<EOF\\nray.init(\\n\"]")]
        [InlineData("[\"python\", \"-c\", \"'''\\nray.init()\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"source\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"eval 'serve deploy x'\"]")]
        public void BrokenHooks(string command)
        {
            AssertQuiet(Head(PostStart(command)));
        }

        [Fact]
        public void BrokenVolumes()
        {
            string[] volumes =
            {
                "volumes: 3\n",
                "volumes:\n- name: scripts\n",
                "volumes:\n- name: scripts\n  configMap: []\n",
                "volumes:\n- name: scripts\n  configMap:\n    name: ray-example\n    items: 3\n    defaultMode: yes\n",
                "volumes:\n- name: scripts\n  projected:\n    sources: [{configMap: {}}, {secret: {name: s}}]\n",
                "volumes:\n- name: scripts\n  configMap:\n    name: ray-example\n    items:\n    - {key: a.sh}\n    - {path: ../../etc/x}\n    defaultMode: 99999999999999999999\n",
            };
            foreach (string volume in volumes)
            {
                string yaml = Head(PostStart("[\"/home/ray/samples/a.sh\"]") + "volumeMounts:\n- mountPath: /home/ray/samples\n  name: scripts\n- mountPath: 7\n- name: x\n  subPathExpr: $(POD)\n  mountPath: /home\n", volume)
                    + ConfigMap("ray-example", ("a.sh", "echo\n")) + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ray-example\ndata: [1]\n";
                AssertQuiet(yaml);
            }
        }
    }
}
